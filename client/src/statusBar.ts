import * as vscode from 'vscode';
import type { LanguageServer } from './languageServer';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The status bar item: the server's state and the workspace's problem count
 * as the server last reported them. Clicking it opens the Problems panel, or
 * the output when the server is down.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('obsconf.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly server: LanguageServer) {
    this.item.name = 'obsconf';
    this.subscription = server.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  /** The text shown, for the tests and the screenshots. */
  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    const tooltip = this.item.tooltip;
    return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
  }

  private update(): void {
    const { state, status } = this.server;
    const item = this.item;
    item.backgroundColor = undefined;
    switch (state) {
      case 'starting':
        item.text = '$(sync~spin) obsconf';
        item.tooltip = 'obsconf: starting the language server';
        item.command = 'obsconf.showOutput';
        return;
      case 'indexing':
        item.text = '$(sync~spin) obsconf';
        item.tooltip = `obsconf: indexing the workspace${status ? ` (${plural(status.files, 'file')} so far)` : ''}`;
        item.command = 'obsconf.showOutput';
        return;
      case 'stopped':
        item.text = '$(circle-slash) obsconf';
        item.tooltip = 'obsconf: the language server is stopped. Click to see its output.';
        item.command = 'obsconf.showOutput';
        return;
      case 'failed':
        item.text = '$(error) obsconf';
        item.tooltip = 'obsconf: the language server stopped unexpectedly. Click to see its output; "obsconf: Restart Language Server" starts it again.';
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        item.command = 'obsconf.showOutput';
        return;
      case 'ready': {
        const errors = status?.errors ?? 0;
        const warnings = status?.warnings ?? 0;
        item.text = errors + warnings === 0 ? '$(check) obsconf' : `$(error) ${errors} $(warning) ${warnings} obsconf`;
        item.tooltip = `obsconf: ${plural(status?.files ?? 0, 'file')} checked, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}. Click to open the Problems panel.`;
        item.command = 'workbench.actions.view.problems';
        return;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
