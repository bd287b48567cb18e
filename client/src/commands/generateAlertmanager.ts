import * as vscode from 'vscode';
import { GenerateAlertmanagerClusterParams, GeneratedFilesResult, STACK_REQUESTS } from '../../../server/src/protocol';
import type { CommandContext } from './types';

const needsPort = (v: string) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 65535 ? undefined : 'A port, 1–65535.');

/**
 * obsconf.generateAlertmanagerCluster ("Alertmanager cluster for Docker Swarm"):
 * asks for the number of instances, their nodes and ports, and opens the
 * compose services, the matching prometheus.yml alerting block and a starting
 * alertmanager.yml. Argument: the parameters, to skip the prompts.
 */
export async function generateAlertmanager(ctx: CommandContext, paramsArg?: unknown): Promise<string[] | undefined> {
  const client = ctx.server.languageClient;
  if (!client) return undefined;
  let params = paramsArg as GenerateAlertmanagerClusterParams | undefined;
  if (!params || typeof params !== 'object') {
    const title = 'obsconf: Alertmanager cluster for Docker Swarm';
    const count = await vscode.window.showInputBox({ title, prompt: 'Number of Alertmanager instances (2–9)', value: '2', validateInput: (v) => (/^[2-9]$/.test(v.trim()) ? undefined : 'A number from 2 to 9.') });
    if (count === undefined) return undefined;
    const instances = Number(count);
    const defaults = Array.from({ length: instances }, (_, i) => `swarm-node-${i + 1}`).join(', ');
    const nodes = await vscode.window.showInputBox({
      title,
      prompt: `The Swarm node (hostname) of each instance, comma-separated (${instances})`,
      value: defaults,
      validateInput: (v) => (v.split(',').map((s) => s.trim()).filter(Boolean).length === instances ? undefined : `Give ${instances} node names.`),
    });
    if (nodes === undefined) return undefined;
    const webPort = await vscode.window.showInputBox({ title, prompt: 'Web port inside the containers', value: '9093', validateInput: needsPort });
    if (webPort === undefined) return undefined;
    const clusterPort = await vscode.window.showInputBox({ title, prompt: 'Cluster (gossip) port inside the containers', value: '9094', validateInput: needsPort });
    if (clusterPort === undefined) return undefined;
    const published = await vscode.window.showInputBox({ title, prompt: 'Host port of the first instance\'s web UI (the next ones follow); empty to publish none', value: '19093', validateInput: (v) => (v.trim() === '' ? undefined : needsPort(v)) });
    if (published === undefined) return undefined;
    params = {
      instances,
      nodes: nodes.split(',').map((s) => s.trim()).filter(Boolean),
      webPort: Number(webPort),
      clusterPort: Number(clusterPort),
      firstPublishedPort: published.trim() === '' ? undefined : Number(published),
    };
  }
  const result = await client.sendRequest<GeneratedFilesResult>(STACK_REQUESTS.generateAlertmanagerCluster, params);
  return openGenerated(result, 'The Alertmanager cluster');
}

/**
 * Opens generated files as untitled YAML editors (nothing is written to disk
 * until the user saves), or shows the server's complaint. Returns the texts.
 */
export async function openGenerated(result: GeneratedFilesResult | undefined, what: string): Promise<string[] | undefined> {
  if (!result?.files?.length) {
    void vscode.window.showErrorMessage(`obsconf: ${result?.error ?? `${what} could not be generated.`}`);
    return undefined;
  }
  let column = vscode.ViewColumn.Active;
  for (const file of result.files) {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: `# ${file.name}\n${file.text}` });
    await vscode.window.showTextDocument(document, { viewColumn: column, preview: false });
    column = vscode.ViewColumn.Beside;
  }
  return result.files.map((f) => f.text);
}
