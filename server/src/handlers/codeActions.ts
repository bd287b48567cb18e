import { readFileSync } from 'node:fs';
import type { CodeAction, CodeActionParams, Connection, TextDocuments, WorkspaceEdit } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, Position, Range } from '../engine/documents/lineIndex';
import type { YamlDoc } from '../engine/documents/yamlFile';
import { toDiagnostic } from '../engine/diagnostics';
import { blockActionsAt } from '../engine/fixes/blocks';
import { fixAll } from '../engine/fixes/fixAll';
import { docAtOffset } from '../engine/fixes/locate';
import { workerEnvAt } from '../engine/fixes/ports';
import { indexQueries } from '../engine/fixes/queries';
import { diffEdits, DocEdit } from '../engine/fixes/text';
import type { Linter } from '../engine/linter';
import { CLIENT_COMMANDS } from '../protocol';
import { yamlPositionAt } from './positions';
import { uriToPath } from '../engine/workspace/fileNames';

export const FIX_ALL_KIND = 'source.fixAll.obsconf';

/** What the LSP feature handlers share. */
export interface HandlerContext {
  linter: Linter;
  documents: TextDocuments<TextDocument>;
  /** The initial scan is done. */
  isReady(): boolean;
  /** The client takes `documentChanges` (versioned edits). */
  supportsDocumentChanges(): boolean;
}

/**
 * Why edits computed from the index must not be offered for a file now, or
 * undefined when the index holds the file's current text: an open editor's
 * text, else the text on disk.
 */
export function staleReason(ctx: HandlerContext, uri: string): string | undefined {
  const file = ctx.linter.index.files.get(uri);
  if (!file) return `${shortName(uri)} is not indexed.`;
  const open = ctx.documents.get(uri);
  // Every change of an open editor reaches the index with its version: comparing versions spares joining and comparing a large text per request.
  if (open) return file.source === 'editor' && open.version === file.version ? undefined : `${shortName(uri)} changed since it was checked; try again in a moment.`;
  const path = uriToPath(uri);
  if (!path) return undefined;
  try {
    if (readFileSync(path, 'utf8') !== file.text) return `${shortName(uri)} changed on disk since it was checked; try again in a moment.`;
  } catch {
    return `${shortName(uri)} can no longer be read.`;
  }
  return undefined;
}

export function shortName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** Groups plain edits into a WorkspaceEdit: versioned `documentChanges` where the client takes them. */
export function workspaceEdit(ctx: HandlerContext, edits: { uri: string; range: Range; newText: string }[]): WorkspaceEdit {
  const byUri = new Map<string, { range: Range; newText: string }[]>();
  for (const edit of edits) {
    let list = byUri.get(edit.uri);
    if (!list) byUri.set(edit.uri, (list = []));
    list.push({ range: edit.range, newText: edit.newText });
  }
  if (ctx.supportsDocumentChanges()) {
    return {
      documentChanges: [...byUri].map(([uri, list]) => ({
        textDocument: { uri, version: ctx.documents.get(uri)?.version ?? null },
        edits: list,
      })),
    };
  }
  return { changes: Object.fromEntries(byUri) };
}

export function docEditsToPlain(edits: DocEdit[]): { uri: string; range: Range; newText: string }[] {
  return edits.map((e) => ({ uri: e.doc.file.uri, range: e.doc.range(e.start, e.end), newText: e.newText }));
}

/** Every file an edit touches must be current and parse cleanly; else the reason it is refused. */
export function refuseReason(ctx: HandlerContext, edits: { uri: string }[], docs: DocEdit['doc'][] = []): string | undefined {
  for (const uri of new Set(edits.map((e) => e.uri))) {
    const reason = staleReason(ctx, uri);
    if (reason) return reason;
    const file = ctx.linter.index.files.get(uri);
    if (file?.kind !== 'yaml' && file?.kind !== 'python') return `${shortName(uri)} is not plain YAML (a template?); obsconf does not edit it.`;
  }
  for (const doc of docs) {
    if (!doc.alive) return 'The file changed since it was checked; try again in a moment.';
    if (doc.parsed.errors.length) return `${shortName(doc.file.uri)} has YAML syntax errors; fix them first.`;
  }
  return undefined;
}

interface PlainFix {
  title: string;
  safe: boolean;
  edits: { uri: string; range: Range; newText: string }[];
}

export function registerCodeActions(connection: Connection, ctx: HandlerContext): void {
  connection.onCodeAction((params) => {
    try {
      return codeActions(ctx, params);
    } catch (error) {
      connection.console.error(`obsconf: code actions failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  });
}

export function codeActions(ctx: HandlerContext, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const file = ctx.linter.index.files.get(uri);
  // Python files get the quick fixes their findings carry (gunicorn and Django settings); the block actions below are YAML only.
  if (!ctx.isReady() || !file || (file.kind !== 'yaml' && file.kind !== 'python')) return [];
  // Results computed from an older text would edit the wrong places: offer nothing until the re-check.
  if (ctx.linter.pending || staleReason(ctx, uri)) return [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) actions.push(...quickFixes(ctx, params));
  // Called on every cursor move: the documents' own line indexes find the position without reading or scanning the whole text.
  const at = file.kind === 'yaml' ? yamlPositionOrEnd(file.docs, params.range.start) : undefined;
  const doc = at?.doc;
  if (at && doc && doc.parsed.errors.length === 0) {
    const offset = at.fileOffset;
    const queries = indexQueries(ctx.linter.index);
    const pattern = ctx.linter.getSettings().wiring.portNamePattern;
    if (wants(CodeActionKind.RefactorRewrite)) {
      for (const action of blockActionsAt(ctx.linter.index, queries, uri, offset, pattern)) {
        const edits = docEditsToPlain(action.edits);
        const reason = refuseReason(ctx, edits, action.edits.map((e) => e.doc));
        actions.push(reason ? { title: action.title, kind: CodeActionKind.RefactorRewrite, disabled: { reason } } : { title: action.title, kind: CodeActionKind.RefactorRewrite, edit: workspaceEdit(ctx, edits) });
      }
      if (workerEnvAt(ctx.linter.index, uri, offset)) {
        actions.push({
          title: 'Set worker count…',
          kind: CodeActionKind.RefactorRewrite,
          command: { title: 'Set worker count…', command: CLIENT_COMMANDS.setWorkerCount, arguments: [{ uri, position: params.range.start }] },
        });
      }
    }
  }
  if (only?.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(`${o}.`) || o === CodeActionKind.Source)) {
    const action = fixAllAction(ctx, uri);
    if (action) actions.push(action);
  }
  return actions;
}

/**
 * The document and file offset of a position in a YAML file. Lines the file
 * does not have are clamped to its ends, as a LineIndex over the whole text
 * clamps them, so that the actions offered there stay what they were.
 */
function yamlPositionOrEnd(docs: readonly YamlDoc[], position: Position): { doc: YamlDoc; fileOffset: number } | undefined {
  const found = yamlPositionAt(docs, position);
  if (found || docs.length === 0) return found;
  const last = docs[docs.length - 1];
  const fileOffset = position.line < 0 ? 0 : last.startOffset + last.text.length;
  const doc = docAtOffset(docs, fileOffset)?.doc;
  return doc && { doc, fileOffset };
}

function quickFixes(ctx: HandlerContext, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const current = ctx.linter.findingsFor(uri);
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'obsconf') continue;
    const fixes = (diagnostic.data as { fixes?: PlainFix[] } | undefined)?.fixes;
    if (!fixes?.length) continue;
    // The diagnostic must still be one the linter reports now, else its edits may point at moved text.
    const finding = current.find((f) => {
      const d = toDiagnostic(f);
      return d.code === diagnostic.code && d.message === diagnostic.message && sameRange(d.range, diagnostic.range);
    });
    if (!finding?.fixes) continue;
    const fresh = toDiagnostic(finding).data?.fixes as PlainFix[] | undefined;
    finding.fixes.forEach((fix, i) => {
      const plain = fresh?.[i];
      if (!plain) return;
      const docs = fix.edits.flatMap((e) => ('doc' in e.at ? [e.at.doc] : []));
      const reason = refuseReason(ctx, plain.edits, docs);
      const title = fix.safe ? fix.title : `${fix.title} (unsafe)`;
      if (reason) {
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason } });
        return;
      }
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.safe && i === 0,
        edit: workspaceEdit(ctx, plain.edits),
      });
    });
  }
  return actions;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** "Fix all": the safe fixes of this file's findings, applied to a scratch copy until none is left. */
function fixAllAction(ctx: HandlerContext, uri: string): CodeAction | undefined {
  const files = [...ctx.linter.index.files.values()].map((f) => ({ uri: f.uri, text: f.text }));
  const result = fixAll(files, { settings: ctx.linter.getSettings(), scope: new Set([uri]) });
  if (result.changed.size === 0) return undefined;
  const edits: { uri: string; range: Range; newText: string }[] = [];
  for (const [changedUri, { before, after }] of result.changed) {
    const lines = new LineIndex(before);
    for (const hunk of diffEdits(before, after)) {
      edits.push({ uri: changedUri, range: { start: lines.positionAt(hunk.start), end: lines.positionAt(hunk.end) }, newText: hunk.newText });
    }
  }
  const reason = refuseReason(ctx, edits);
  const title = `Fix all safe obsconf problems (${result.applied.length} fix${result.applied.length === 1 ? '' : 'es'})`;
  if (reason) return { title, kind: FIX_ALL_KIND, disabled: { reason } };
  return { title, kind: FIX_ALL_KIND, edit: workspaceEdit(ctx, edits) };
}
