import * as vscode from 'vscode';
import { RELABEL_PREVIEW_REQUEST, RelabelPreviewParams, RelabelPreviewResult } from '../../../server/src/protocol';
import type { CommandContext } from './types';

/**
 * obsconf.relabelPreview (the CodeLens on every relabel list): asks for sample
 * input labels, runs the list over them in the server and shows the
 * step-by-step table. Arguments: the document URI and a position in the list;
 * without them, the cursor of the active editor. Returns the preview markdown.
 */
export async function relabelPreview(ctx: CommandContext, uriArg?: unknown, positionArg?: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = typeof uriArg === 'string' ? uriArg : editor?.document.uri.toString();
  const position = isPosition(positionArg) ? positionArg : editor ? { line: editor.selection.active.line, character: editor.selection.active.character } : undefined;
  const client = ctx.server.languageClient;
  if (!uri || !position || !client) return undefined;
  const request = (labels?: string) => client.sendRequest<RelabelPreviewResult>(RELABEL_PREVIEW_REQUEST, { uri, position, labels } satisfies RelabelPreviewParams);

  const suggestion = await request();
  if (suggestion.error) {
    void vscode.window.showWarningMessage(`obsconf: ${suggestion.error}`);
    return undefined;
  }
  const useSamples = 'Edit the suggested sample labels';
  const fromFile = 'Read labels from a YAML/JSON file…';
  const choice = await vscode.window.showQuickPick([useSamples, fromFile], { title: 'obsconf: sample input labels for the relabel preview' });
  let labels: string | undefined;
  if (choice === fromFile) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Label sets': ['yaml', 'yml', 'json'] } });
    if (!picked?.length) return undefined;
    labels = new TextDecoder().decode(await vscode.workspace.fs.readFile(picked[0]));
  } else if (choice === useSamples) {
    // The samples open in an editor; the preview runs on what the editor holds when the user confirms.
    const samples = await vscode.workspace.openTextDocument({ language: 'yaml', content: `# Sample targets for the relabel preview: edit, then confirm in the notification.\n${suggestion.samples ?? ''}` });
    await vscode.window.showTextDocument(samples, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    const run = 'Run preview';
    if ((await vscode.window.showInformationMessage('obsconf: run the relabel preview on these labels?', run)) !== run) return undefined;
    labels = samples.getText();
  } else return undefined;

  const result = await request(labels);
  if (result.error || !result.markdown) {
    void vscode.window.showWarningMessage(`obsconf: ${result.error ?? 'no preview'}`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
  await vscode.commands.executeCommand('markdown.showPreview', document.uri);
  return result.markdown;
}

function isPosition(value: unknown): value is { line: number; character: number } {
  return typeof value === 'object' && value !== null && typeof (value as { line?: unknown }).line === 'number' && typeof (value as { character?: unknown }).character === 'number';
}
