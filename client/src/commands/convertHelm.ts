import * as vscode from 'vscode';
import { ExecuteCommandRequest, WorkspaceEdit } from 'vscode-languageclient/node';
import { ConvertHelmParams, ConvertHelmResult, SERVER_COMMANDS } from '../../../server/src/protocol';
import type { CommandContext } from './types';

export interface ConvertHelmArgs {
  uri?: string;
  position?: { line: number; character: number };
  /** 'replace' rewrites the files in place; 'show' opens the Helm parts in a new editor. */
  mode?: 'replace' | 'show';
}

/**
 * obsconf.convertToHelm: turns the numbered metrics-1..N blocks of the
 * Deployment, Service and ServiceMonitor into Helm range loops over
 * .Values.env.config (the server checks that the loops expand to exactly
 * the current blocks), either in place or in a new editor, and shows the
 * values.yaml block to add.
 */
export async function convertHelm(ctx: CommandContext, args: ConvertHelmArgs = {}): Promise<ConvertHelmResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = args.uri ?? editor?.document.uri.toString();
  const position = args.position ?? (editor ? { line: editor.selection.active.line, character: editor.selection.active.character } : undefined);
  const client = ctx.server.languageClient;
  if (!uri || !client) {
    void vscode.window.showInformationMessage('obsconf: open the Deployment with WEB_CONCURRENCY and METRICS_START_PORT first.');
    return undefined;
  }
  const params: ConvertHelmParams = { uri, position };
  const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.convertHelm, arguments: [params] })) as ConvertHelmResult;
  if (!result || result.error || !result.text) {
    void vscode.window.showErrorMessage(`obsconf: ${result?.error ?? 'nothing to convert.'}`);
    return result;
  }
  let mode = args.mode;
  if (!mode) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Open the Helm parts in a new editor', mode: 'show' as const },
        { label: 'Replace the numbered blocks in place', description: 'the files become Helm templates', mode: 'replace' as const },
      ],
      { title: 'obsconf: Convert numbered ports to Helm range loops' },
    );
    if (!picked) return undefined;
    mode = picked.mode;
  }
  if (mode === 'replace' && result.edit) {
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit as WorkspaceEdit);
    // A refactoring: with files.refactoring.autoSave (the default) VS Code saves the files it
    // rewrote, as after a rename, instead of leaving the ones not open dirty out of sight.
    if (!edit || !(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) {
      void vscode.window.showErrorMessage('obsconf: the files changed meanwhile; run the conversion again.');
      return result;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: `# Add this to the chart's values.yaml:\n${result.valuesBlock ?? ''}` });
    await vscode.window.showTextDocument(document, { preview: false });
  } else {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: result.text });
    await vscode.window.showTextDocument(document, { preview: false });
  }
  return result;
}
