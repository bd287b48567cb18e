import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { SERVER_COMMANDS, SetWorkerCountParams, SetWorkerCountResult } from '../../../server/src/protocol';
import type { CommandContext } from './types';

export interface SetWorkerCountArgs {
  uri?: string;
  position?: { line: number; character: number };
  /** Skip the input box (tests, code actions that know N). */
  workers?: number;
}

/**
 * obsconf.setWorkerCount: asks for N, then the server moves WEB_CONCURRENCY,
 * the container ports, the Service ports and the ServiceMonitor endpoints
 * to N workers in one edit (applied through workspace/applyEdit).
 */
export async function setWorkerCount(ctx: CommandContext, args?: SetWorkerCountArgs): Promise<SetWorkerCountResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = args?.uri ?? editor?.document.uri.toString();
  const position = args?.position ?? (editor ? { line: editor.selection.active.line, character: editor.selection.active.character } : undefined);
  const client = ctx.server.languageClient;
  if (!uri || !client) {
    void vscode.window.showInformationMessage('obsconf: open the Deployment whose worker count you want to set.');
    return undefined;
  }
  let workers = args?.workers;
  if (workers === undefined) {
    const answer = await vscode.window.showInputBox({
      title: 'obsconf: Set worker count',
      prompt: 'Number of gunicorn workers (WEB_CONCURRENCY); the metrics ports, Service ports and ServiceMonitor endpoints follow.',
      placeHolder: '5',
      validateInput: (value) => (/^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 1000 ? undefined : 'A whole number from 1 to 1000.'),
    });
    if (answer === undefined) return undefined;
    workers = Number(answer.trim());
  }
  const params: SetWorkerCountParams = { uri, position, workers };
  const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.setWorkerCount, arguments: [params] })) as SetWorkerCountResult;
  if (!result?.applied) void vscode.window.showWarningMessage(`obsconf: ${result?.message ?? 'the worker count was not changed.'}`);
  else {
    ctx.output.info(result.message);
    // A changed gunicorn config or Dockerfile only takes effect with a new image: say so where it is seen.
    if (result.notice) void vscode.window.showInformationMessage(`obsconf: ${result.notice}`);
  }
  return result;
}
