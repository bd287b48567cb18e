import * as vscode from 'vscode';
import { createApi, ObsconfApi } from './api';
import { registerCommands } from './commands';
import { needsRestart } from './config';
import { LanguageServer } from './languageServer';
import { StatusBar } from './statusBar';

let server: LanguageServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ObsconfApi> {
  const output = vscode.window.createOutputChannel('obsconf', { log: true });
  server = new LanguageServer(context, output);
  const statusBar = new StatusBar(server);
  context.subscriptions.push(
    output,
    server,
    statusBar,
    ...registerCommands({ extension: context, server, output }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (needsRestart(event)) void server?.restart();
    }),
  );
  await server.start().catch(() => undefined);
  return createApi(server, statusBar);
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
