import * as vscode from 'vscode';

/** The settings the client itself reads; the server reads the rest of the `obsconf` section. */
export interface ClientConfig {
  /** An obsconf-language-server executable to run instead of the bundled server, or undefined. */
  serverPath: string | undefined;
}

export const SECTION = 'obsconf';

export function readConfig(): ClientConfig {
  const config = vscode.workspace.getConfiguration(SECTION);
  const serverPath = config.get<string>('server.path', '').trim();
  return { serverPath: serverPath === '' ? undefined : serverPath };
}

/** Whether a settings change needs the server started again (the client reads these at start). */
export function needsRestart(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.server.path`);
}
