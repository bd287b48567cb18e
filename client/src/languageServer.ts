import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, StatusParams } from '../../server/src/protocol';
import { readConfig } from './config';

/** What the status bar and the commands see of the server. */
export type ServerState = 'stopped' | 'starting' | 'indexing' | 'ready' | 'failed';

/**
 * Owns the language client: starts it, stops it, restarts it one step at a
 * time, and turns the client's state and the server's `obsconf/status`
 * notification into one `ServerState`.
 */
export class LanguageServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private queue: Promise<void> = Promise.resolve();
  private stopping = false;
  private _state: ServerState = 'stopped';
  private _status: StatusParams | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  get state(): ServerState {
    return this._state;
  }

  /** The server's last report of the workspace: files indexed and problem counts. */
  get status(): StatusParams | undefined {
    return this._status;
  }

  get pid(): number | undefined {
    return this.client?.serverProcess?.pid;
  }

  get isRunning(): boolean {
    return this.client?.state === State.Running;
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      this.output.info('Restarting the language server.');
      await this.doStop();
      await this.doStart();
    });
  }

  dispose(): void {
    void this.stop();
    this.changed.dispose();
  }

  /** Start, stop and restart run one after the other, never interleaved. */
  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private setState(state: ServerState): void {
    if (state === this._state) return;
    this._state = state;
    this.changed.fire();
  }

  private async doStart(): Promise<void> {
    if (this.client) return;
    const { serverPath } = readConfig();
    const serverOptions: ServerOptions = serverPath
      ? { command: serverPath, args: ['--stdio'], transport: TransportKind.stdio }
      : { module: this.context.asAbsolutePath('dist/server.js'), transport: TransportKind.stdio };
    const clientOptions: LanguageClientOptions = {
      // Python too: collectors (lens, hover, preview) and gunicorn/Django settings are checked as they are typed.
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'file', language: 'python' },
        { scheme: 'file', language: 'dockerfile' },
        { scheme: 'file', pattern: '**/Procfile' },
      ],
      synchronize: { configurationSection: 'obsconf' },
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
    };
    const client = new LanguageClient('obsconf', 'obsconf', serverOptions, clientOptions);
    this.client = client;
    this._status = undefined;
    this.setState('starting');
    client.onDidChangeState((event) => {
      if (this.client !== client) return;
      if (event.newState === State.Starting) this.setState('starting');
      else if (event.newState === State.Running) this.setState(this._status?.state ?? 'indexing');
      else if (event.newState === State.Stopped) this.setState(this.stopping ? 'stopped' : 'failed');
    });
    client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
      if (this.client !== client) return;
      this._status = status;
      this.setState(status.state);
      this.changed.fire();
    });
    this.output.info(serverPath ? `Starting ${serverPath} --stdio.` : 'Starting the bundled language server.');
    try {
      await client.start();
      this.output.info(`Language server running (pid ${client.serverProcess?.pid ?? 'unknown'}).`);
    } catch (error) {
      this.output.error(`The language server did not start: ${(error as Error).message}`);
      this.client = undefined;
      this.setState('failed');
      await client.dispose().catch(() => undefined);
      throw error;
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.stopping = true;
    const pid = client.serverProcess?.pid;
    try {
      if (client.needsStop()) await client.stop(5000);
    } catch (error) {
      this.output.warn(`Stopping the language server failed: ${(error as Error).message}`);
    } finally {
      await client.dispose().catch(() => undefined);
      this.client = undefined;
      this._status = undefined;
      this.stopping = false;
      this.setState('stopped');
      this.output.info(`Language server stopped${pid ? ` (pid ${pid})` : ''}.`);
    }
  }
}
