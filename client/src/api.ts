import type { StatusParams } from '../../server/src/protocol';
import type { LanguageServer, ServerState } from './languageServer';
import type { StatusBar } from './statusBar';

/**
 * What `activate` returns: a read-only view of the server for other
 * extensions and for the end-to-end tests (which cannot read the status bar).
 */
export interface ObsconfApi {
  readonly state: ServerState;
  readonly status: StatusParams | undefined;
  readonly serverPid: number | undefined;
  readonly statusBarText: string;
  readonly statusBarTooltip: string;
  onDidChange(listener: () => void): { dispose(): void };
}

export function createApi(server: LanguageServer, statusBar: StatusBar): ObsconfApi {
  return {
    get state() {
      return server.state;
    },
    get status() {
      return server.status;
    },
    get serverPid() {
      return server.pid;
    },
    get statusBarText() {
      return statusBar.text;
    },
    get statusBarTooltip() {
      return statusBar.tooltip;
    },
    onDidChange: (listener) => server.onDidChange(listener),
  };
}
