import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { NewStackParams, NewStackResult, SERVER_COMMANDS } from '../../../server/src/protocol';
import type { CommandContext } from './types';

export interface NewStackArgs extends Partial<NewStackParams> {
  /** Folder to write the files into (asked for when absent). */
  folder?: string;
}

async function ask(title: string, value: string, check: (v: string) => string | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({ title: `obsconf: New Django metrics stack — ${title}`, value, validateInput: check, ignoreFocusOut: true });
}

const needsNumber = (v: string) => (/^\d+$/.test(v.trim()) ? undefined : 'A whole number.');
const needsText = (v: string) => (v.trim() ? undefined : 'Required.');

/**
 * obsconf.newDjangoMetricsStack: asks for the app's name, namespace, image,
 * ports, workers and scrape interval, lets the server generate a Deployment,
 * a Service and a ServiceMonitor (in step, checked by the server), and
 * creates the file(s) with one workspace edit. Returns the created URIs.
 */
export async function newStack(ctx: CommandContext, args: NewStackArgs = {}): Promise<string[] | undefined> {
  const client = ctx.server.languageClient;
  if (!client) return undefined;
  const appName = args.appName ?? (await ask('app name', 'app-django', needsText));
  if (appName === undefined) return undefined;
  const namespace = args.namespace ?? (await ask('namespace', 'default', needsText));
  if (namespace === undefined) return undefined;
  const image = args.image ?? (await ask('container image', 'mycompany/app:v0.1.0', needsText));
  if (image === undefined) return undefined;
  const httpPort = args.httpPort ?? (await ask('HTTP port of gunicorn', '8000', needsNumber));
  if (httpPort === undefined) return undefined;
  const workers = args.workers ?? (await ask('number of gunicorn workers (WEB_CONCURRENCY)', '5', needsNumber));
  if (workers === undefined) return undefined;
  const startPort = args.startPort ?? (await ask('first metrics port (METRICS_START_PORT)', '5001', needsNumber));
  if (startPort === undefined) return undefined;
  const scrapeInterval = args.scrapeInterval ?? (await ask('scrape interval', '15s', needsText));
  if (scrapeInterval === undefined) return undefined;
  let layout = args.layout;
  if (!layout) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Three files', description: 'deployment.yaml, service.yaml, servicemonitor.yaml', layout: 'split' as const },
        { label: 'One file', description: 'a multi-document YAML file', layout: 'single' as const },
      ],
      { title: 'obsconf: New Django metrics stack — layout' },
    );
    if (!picked) return undefined;
    layout = picked.layout;
  }
  const params: NewStackParams = {
    appName: appName.trim(),
    namespace: namespace.trim(),
    image: image.trim(),
    httpPort: Number(httpPort),
    workers: Number(workers),
    startPort: Number(startPort),
    scrapeInterval: scrapeInterval.trim(),
    layout,
  };
  const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.newStack, arguments: [params] })) as NewStackResult;
  if (!result?.files) {
    void vscode.window.showErrorMessage(`obsconf: ${result?.error ?? 'the stack could not be generated.'}`);
    return undefined;
  }
  let folder = args.folder ? vscode.Uri.file(args.folder) : undefined;
  if (!folder) {
    const picked = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Create the manifests here', defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
    folder = picked?.[0];
    if (!folder) return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  const uris: vscode.Uri[] = [];
  for (const file of result.files) {
    const uri = vscode.Uri.joinPath(folder, file.name);
    edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(file.text) });
    uris.push(uri);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`obsconf: could not create ${result.files.map((f) => f.name).join(', ')} (do they exist already?).`);
    return undefined;
  }
  await vscode.window.showTextDocument(uris[0]);
  return uris.map((u) => u.toString());
}
