import * as vscode from 'vscode';
import { COLLECTOR_REQUESTS, CollectorPreviewParams, CollectorPreviewResult, CollectorSamplesParams, CollectorSamplesResult } from '../../../server/src/protocol';
import type { CommandContext } from './types';

/** Read-only documents of the metrics preview (a content provider's documents cannot be edited). */
const SCHEME = 'obsconf-metrics';
const contents = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();
let registered = false;

function ensureProvider(ctx: CommandContext): void {
  if (registered) return;
  registered = true;
  ctx.extension.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '' }),
  );
}

function isPosition(value: unknown): value is { line: number; character: number } {
  return typeof value === 'object' && value !== null && typeof (value as { line?: unknown }).line === 'number' && typeof (value as { character?: unknown }).character === 'number';
}

/**
 * obsconf.previewMetrics (the CodeLens above each custom collector, or the
 * palette on a Python file): opens the metrics the collectors render, in the
 * Prometheus exposition format, as a read-only document. Arguments: the
 * document URI and a position inside a collector (else the whole file).
 * Returns the preview text.
 */
export async function previewMetrics(ctx: CommandContext, uriArg?: unknown, positionArg?: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = typeof uriArg === 'string' ? uriArg : editor?.document.uri.toString();
  const client = ctx.server.languageClient;
  if (!uri || !client) return undefined;
  const position = isPosition(positionArg) ? positionArg : undefined;
  const result = await client.sendRequest<CollectorPreviewResult>(COLLECTOR_REQUESTS.preview, { uri, position } satisfies CollectorPreviewParams);
  if (result.error || result.text === undefined) {
    void vscode.window.showWarningMessage(`obsconf: ${result.error ?? 'no preview'}`);
    return undefined;
  }
  ensureProvider(ctx);
  const name = (result.title ?? 'metrics').replace(/[^\w.-]+/g, '-');
  const previewUri = vscode.Uri.from({ scheme: SCHEME, path: `/${name}.prom`, query: uri });
  contents.set(previewUri.toString(), result.text);
  changed.fire(previewUri);
  const document = await vscode.workspace.openTextDocument(previewUri);
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  return result.text;
}

/**
 * obsconf.createSamplesFile: creates `.obsconf-samples.yaml` (the sample rows
 * the preview renders names from) prefilled with the models and fields the
 * file's collectors read, or opens it when it exists. Returns its URI.
 */
export async function createSamplesFile(ctx: CommandContext, uriArg?: unknown): Promise<string | undefined> {
  const uri = typeof uriArg === 'string' ? uriArg : vscode.window.activeTextEditor?.document.uri.toString();
  const client = ctx.server.languageClient;
  if (!uri || !client) return undefined;
  const result = await client.sendRequest<CollectorSamplesResult>(COLLECTOR_REQUESTS.samples, { uri } satisfies CollectorSamplesParams);
  if (result.error || !result.uri) {
    void vscode.window.showWarningMessage(`obsconf: ${result.error ?? 'cannot create the samples file'}`);
    return undefined;
  }
  const target = vscode.Uri.parse(result.uri);
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.content ?? ''));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
  return result.uri;
}
