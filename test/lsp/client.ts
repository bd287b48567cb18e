/**
 * A small LSP client for protocol tests: it starts the built server
 * (`node dist/server.js --stdio`) and talks to it over stdio the way VS Code
 * does (initialize, workspace/configuration, dynamic registrations, push
 * diagnostics). Waits are event-driven with generous timeouts; no test sleeps
 * a fixed time.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  Diagnostic,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');

export interface StartOptions {
  /** Workspace folder (absolute path). */
  root?: string;
  /** Answers to workspace/configuration, by section (`obsconf`, `files`). */
  settings?: Record<string, unknown>;
  /** Advertise workspace/configuration support (default true). */
  configuration?: boolean;
  /** Extra node flags for the server process (e.g. a heap limit). */
  nodeArgs?: string[];
}

export interface StatusParams {
  state: string;
  files: number;
  errors: number;
  warnings: number;
}

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

export function fileUri(file: string): string {
  return pathToFileURL(file).toString();
}

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  settings: Record<string, unknown>;
  /** Latest diagnostics per URI, and how many times each URI was published. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly publishCount = new Map<string, number>();
  readonly statuses: StatusParams[] = [];
  readonly registrations: string[] = [];
  readonly logs: string[] = [];
  stderr = '';
  exitCode: number | null | undefined = undefined;
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();
  readonly exited: Promise<number | null>;

  private constructor(private readonly options: StartOptions) {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first.`);
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_JS, '--stdio'], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => {
      this.process.on('exit', (code) => {
        this.exitCode = code;
        this.wake();
        resolve(code);
      });
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.publishCount.set(params.uri, (this.publishCount.get(params.uri) ?? 0) + 1);
      this.wake();
    });
    this.connection.onNotification('obsconf/status', (params: StatusParams) => {
      this.statuses.push(params);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => void this.logs.push(params.message));
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section !== undefined ? this.settings[item.section] ?? null : null)),
    );
    this.connection.onRequest('client/registerCapability', (params: { registrations: { method: string }[] }) => {
      for (const registration of params.registrations) this.registrations.push(registration.method);
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    // A closed pipe after `exit` is expected; anything else shows up in the test that waits for it.
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const client = new LspClient(options);
    const rootUri = options.root ? fileUri(options.root) : null;
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'obsconf-protocol-tests' },
      rootUri,
      workspaceFolders: options.root ? [{ uri: rootUri, name: path.basename(options.root) }] : null,
      capabilities: {
        workspace: {
          configuration: options.configuration ?? true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          synchronization: { dynamicRegistration: true, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        },
      },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  uri(relative: string): string {
    if (!this.options.root) throw new Error('no workspace root');
    return fileUri(path.join(this.options.root, relative));
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** Resolves once `condition` holds (checked now and after every message), or fails after `timeoutMs` saying `what`. */
  waitUntil(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          if (this.exitCode !== undefined && !condition()) {
            clearTimeout(timer);
            reject(new Error(`server exited (code ${this.exitCode}) while waiting for ${what}\n${this.stderr}`));
            return true;
          }
          return condition();
        },
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const last = [...this.diagnostics.values()].map((p) => `${p.uri}: ${p.diagnostics.map((d) => d.code).join(', ')}`);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nlatest diagnostics:\n${last.join('\n')}\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The latest diagnostics of `uri` once `predicate` holds for them. */
  async diagnosticsFor(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean, what = 'diagnostics', timeoutMs?: number): Promise<Diagnostic[]> {
    await this.waitUntil(() => {
      const latest = this.diagnostics.get(uri);
      return latest !== undefined && predicate(latest.diagnostics);
    }, `${what} of ${uri}`, timeoutMs);
    return this.diagnostics.get(uri)!.diagnostics;
  }

  /** The first diagnostics published for `uri` after a call that returned `since` (see `mark`). */
  async nextDiagnostics(uri: string, since: number, timeoutMs?: number): Promise<PublishDiagnosticsParams> {
    await this.waitUntil(() => (this.publishCount.get(uri) ?? 0) > since, `a new publish for ${uri}`, timeoutMs);
    return this.diagnostics.get(uri)!;
  }

  mark(uri: string): number {
    return this.publishCount.get(uri) ?? 0;
  }

  /** Waits for an `obsconf/status` notification saying the server is idle. */
  async ready(timeoutMs?: number): Promise<void> {
    const from = this.statuses.length;
    await this.waitUntil(() => this.statuses.slice(from).some((s) => s.state === 'ready') || (from > 0 && this.statuses[from - 1].state === 'ready'), 'status ready', timeoutMs);
  }

  open(uri: string, text: string, languageId = 'yaml'): number {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  /** Sends incremental changes; returns the new version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    this.versions.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Changes what workspace/configuration answers and tells the server, as VS Code does. */
  changeSettings(settings: Record<string, unknown>): void {
    this.settings = settings;
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /**
   * Proves the server still works: a request gets an answer and a fresh
   * document gets its diagnostics.
   */
  async assertAlive(timeoutMs = 20_000): Promise<void> {
    // Any request must be answered, even with "method not found".
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.connection.sendRequest('obsconf/no-such-request', {}).catch(() => undefined),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to a request within ${timeoutMs} ms\n${this.stderr}`)), timeoutMs))),
    ]).finally(() => clearTimeout(timer));
    const probe = `untitled:probe-${Math.random().toString(36).slice(2)}.yaml`;
    this.open(probe, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: probe\nspec:\n  ports:\n  - port: 70000\n');
    await this.diagnosticsFor(probe, (d) => d.some((x) => x.code === 'k8s/service-port-number'), 'diagnostics of a probe document', timeoutMs);
    this.close(probe);
  }

  /** shutdown + exit; resolves with the exit code. */
  async stop(timeoutMs = 10_000): Promise<number | null> {
    if (this.exitCode !== undefined) return this.exitCode;
    await this.connection.sendRequest('shutdown');
    void this.connection.sendNotification('exit');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }

  /** For `after` hooks: stop politely, or kill. */
  async dispose(): Promise<void> {
    if (this.exitCode !== undefined) return;
    try {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.stop(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('stop timed out')), 5_000)))]).finally(() =>
        clearTimeout(timer),
      );
    } catch {
      this.process.kill('SIGKILL');
      await this.exited;
    }
  }
}

/** The LSP range of the `occurrence`-th `needle` in `text` (UTF-16 columns), so that tests never hand-count. */
export function rangeOf(text: string, needle: string, occurrence = 1): { start: { line: number; character: number }; end: { line: number; character: number } } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" (occurrence ${occurrence}) not found`);
  }
  return { start: positionOf(text, at), end: positionOf(text, at + needle.length) };
}

export function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}
