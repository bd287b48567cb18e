/** Settings the client sends under the `obsconf` section, shared by client and server. */
export interface ObsconfClientSettings {
  rules?: Record<string, string>;
  wiring?: { portNamePattern?: string };
  maxFileSizeMB?: number;
}

/** Custom notification: the server tells the client its state and problem count (for the status bar). */
export const STATUS_NOTIFICATION = 'obsconf/status';

export interface StatusParams {
  state: 'indexing' | 'ready';
  files: number;
  errors: number;
  warnings: number;
}
