import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio },
  };
  const output = vscode.window.createOutputChannel('obsconf', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml' }],
    synchronize: { configurationSection: 'obsconf' },
    outputChannel: output,
  };
  client = new LanguageClient('obsconf', 'obsconf', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('obsconf.restartServer', async () => client?.restart()),
    vscode.commands.registerCommand('obsconf.showOutput', () => output.show()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
