import type * as vscode from 'vscode';
import type { LanguageServer } from '../languageServer';

export interface CommandContext {
  extension: vscode.ExtensionContext;
  server: LanguageServer;
  output: vscode.LogOutputChannel;
}

export interface CommandDefinition {
  id: string;
  /** Whether the command needs a running server; if so it says so politely while the server is down. */
  needsServer: boolean;
  run(ctx: CommandContext, ...args: unknown[]): unknown;
}
