import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ObsconfApi } from '../../../client/src/api';

export const EXTENSION_ID = 'obsconf.obsconf';

/** The obsconf extension, activated; its exports are the API the status bar reads from. */
export async function obsconf(): Promise<ObsconfApi> {
  const extension = vscode.extensions.getExtension<ObsconfApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/**
 * Evaluates `probe` until it returns something other than undefined: again
 * whenever one of `events` fires, and at least every 200 ms, until `timeoutMs`.
 * On timeout, the error says what was awaited and what the probe saw last.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  options: { timeoutMs?: number; events?: vscode.Event<unknown>[]; describe?: () => string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    const left = deadline - Date.now();
    if (left <= 0) {
      const seen = options.describe ? `\nlast seen: ${options.describe()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}`);
    }
    await new Promise<void>((resolve) => {
      const subscriptions: vscode.Disposable[] = [];
      const done = () => {
        clearTimeout(timer);
        for (const s of subscriptions) s.dispose();
        resolve();
      };
      const timer = setTimeout(done, Math.min(200, left));
      for (const event of options.events ?? []) subscriptions.push(event(done));
    });
  }
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code ?? '');
}

export function obsconfDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'obsconf');
}

export function summarize(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)}`));
}

/** Waits until the diagnostics of `uri` satisfy `accept`, and returns them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${what} in ${uri.path.split('/').slice(-2).join('/')}`,
    () => {
      const diagnostics = obsconfDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    { timeoutMs, events: [vscode.languages.onDidChangeDiagnostics], describe: () => summarize(obsconfDiagnostics(uri)) },
  );
}

/** An expectation on one diagnostic: rule id, 1-based line, and a piece of the message. */
export interface Expected {
  code: string;
  line: number;
  message: RegExp;
}

export function matches(diagnostic: vscode.Diagnostic, expected: Expected): boolean {
  return codeOf(diagnostic) === expected.code && diagnostic.range.start.line + 1 === expected.line && expected.message.test(diagnostic.message);
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Reverts every unsaved document (so closing asks nothing) and closes all editors. Returns once
 * each reverted file's text is the disk's again: the revert reaches the extension host (and so
 * the server) a moment after the command returns.
 */
export async function closeAllEditors(): Promise<void> {
  const reverted: vscode.TextDocument[] = [];
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty) continue;
    const name = document.uri.path.split('/').pop();
    await vscode.window.showTextDocument(document);
    // The revert acts on the active editor: make sure it is this one. (Closing a dirty editor in
    // a test window does not ask: VS Code saves it, which would change the fixture on disk.)
    await waitFor(`${name} to be the active editor`, () => (vscode.window.activeTextEditor?.document === document ? true : undefined), {
      timeoutMs: 10_000,
      events: [vscode.window.onDidChangeActiveTextEditor as vscode.Event<unknown>],
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(`${name} reverted`, () => (!document.isDirty || document.isClosed ? true : undefined), { timeoutMs: 10_000 });
    if (document.uri.scheme === 'file') reverted.push(document);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const onDisk = (d: vscode.TextDocument) => (fs.existsSync(d.uri.fsPath) ? fs.readFileSync(d.uri.fsPath, 'utf8') : d.getText());
  await waitFor('reverted documents to hold the disk text again', () => (reverted.every((d) => d.isClosed || d.getText() === onDisk(d)) ? true : undefined), {
    timeoutMs: 10_000,
    events: [vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>],
    describe: () => reverted.filter((d) => !d.isClosed && d.getText() !== onDisk(d)).map((d) => d.uri.path).join(', '),
  });
}

/** Whether a process exists (signal 0 only checks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until the server reports it has indexed and linted everything it knows of. */
export function waitForReady(api: ObsconfApi, timeoutMs = 30_000): Promise<ObsconfApi> {
  return waitFor('the server to report "ready"', () => (api.state === 'ready' ? api : undefined), {
    timeoutMs,
    events: [api.onDidChange as vscode.Event<unknown>],
    describe: () => `${api.state} ${JSON.stringify(api.status)}`,
  });
}

/** The repository's test/e2e/fixtures: the compiled suite runs from out/e2e/suite, in both modes. */
const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'e2e', 'fixtures');

/**
 * Copies test/e2e/fixtures/<name> into the workspace as e2e-<name>/ and returns that folder.
 * The server learns of the files through its file watcher, as of files a user adds.
 */
export function copyFixture(name: string): vscode.Uri {
  const source = path.join(FIXTURES, name);
  assert.ok(fs.existsSync(source), `fixture ${source} exists`);
  const target = workspaceUri(`e2e-${name}`);
  fs.rmSync(target.fsPath, { recursive: true, force: true });
  fs.cpSync(source, target.fsPath, { recursive: true });
  return target;
}

/** Closes every editor and deletes a copied fixture folder. */
export async function removeFixture(folder: vscode.Uri | undefined): Promise<void> {
  await closeAllEditors();
  if (folder) await vscode.workspace.fs.delete(folder, { recursive: true });
}

/** The markdown and plain text of hovers, joined. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** The hover at a position, once it holds `expected` (a server may answer before it has indexed the file). */
export function waitForHover(uri: vscode.Uri, position: vscode.Position, expected: RegExp): Promise<string> {
  let last = '';
  return waitFor(
    `a hover matching ${expected} at ${uri.path.split('/').slice(-2).join('/')}:${position.line + 1}:${position.character + 1}`,
    async () => {
      last = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? []);
      return expected.test(last) ? last : undefined;
    },
    { describe: () => JSON.stringify(last) },
  );
}

/** The CodeLenses of a document, once `accept` takes them. */
export function waitForCodeLenses(uri: vscode.Uri, what: string, accept: (lenses: vscode.CodeLens[]) => boolean): Promise<vscode.CodeLens[]> {
  let last: vscode.CodeLens[] = [];
  return waitFor(
    `${what} in ${uri.path.split('/').slice(-2).join('/')}`,
    async () => {
      // The second argument asks VS Code to resolve up to 100 lenses, so each has its command.
      last = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
      return accept(last) ? last : undefined;
    },
    { describe: () => JSON.stringify(last.map((l) => `${l.range.start.line + 1}: ${l.command?.title}`)) },
  );
}

/** The position of the `nth` occurrence of `needle` in a document, `delta` characters into it. */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 0, nth = 1): vscode.Position {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = document.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `${document.uri.path.split('/').pop()} holds ${nth}× ${JSON.stringify(needle)}`);
  }
  return document.positionAt(at + delta);
}

/** Code actions of a kind on a range, with their edits resolved. */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind, 50)) ?? [];
}
