// Puts the real VS Code in the states the README shows, one after the other, and asks the runner
// (scripts/e2e-screenshots.mjs) for a screenshot of each: it logs a request line, the runner waits
// for the named element to be visible, saves the picture, and writes an acknowledgement file that
// this side polls for. Not a test suite: it fails only when a state cannot be reached.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { codeOf, obsconf, obsconfDiagnostics, openInEditor, waitFor, waitForDiagnostics, waitForReady, workspaceUri } from '../suite/helpers';

const REQUEST = '[obsconf-screenshot]';

async function shot(name: string, waitForSelector: string): Promise<void> {
  const runDir = process.env.OBSCONF_E2E_RUN_DIR;
  if (!runDir) throw new Error('OBSCONF_E2E_RUN_DIR is not set: run this through scripts/e2e-screenshots.mjs');
  const ack = path.join(runDir, 'shots', `${name}.done`);
  console.log(`${REQUEST} ${JSON.stringify({ name, waitForSelector })}`);
  await waitFor(`the screenshot ${name}`, () => (fs.existsSync(ack) ? true : undefined), { timeoutMs: 30_000 });
}

async function cursorOn(editor: vscode.TextEditor, range: vscode.Range): Promise<void> {
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
}

export async function run(): Promise<void> {
  const api = await waitForReady(await obsconf());
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');

  // 1. Diagnostics with related information: the ServiceMonitor open, the Problems panel below.
  const monitor = workspaceUri('broken-app', 'servicemonitor.yml');
  const editor = await openInEditor(monitor);
  const diagnostics = await waitForDiagnostics(monitor, 'worker-unscraped', (ds) => ds.some((d) => codeOf(d) === 'wiring/worker-unscraped'));
  await waitFor('the status bar count', () => (api.statusBarText.startsWith('$(error)') ? true : undefined), { events: [api.onDidChange as vscode.Event<unknown>] });
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await shot('diagnostics', '.markers-panel .monaco-list-row');

  // 2. The hover on a diagnostic: the message, the rule id linking to its documentation.
  const unscraped = diagnostics.find((d) => codeOf(d) === 'wiring/worker-unscraped')!;
  await cursorOn(editor, unscraped.range);
  await vscode.commands.executeCommand('editor.action.showHover');
  await shot('hover', '.monaco-hover-content');
  await vscode.commands.executeCommand('editor.action.hideHover');

  // 3. The snippets offered in an empty YAML file.
  await vscode.commands.executeCommand('workbench.action.closePanel');
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'servicemon' });
  const untitled = await vscode.window.showTextDocument(document);
  const end = document.lineAt(0).range.end;
  untitled.selection = new vscode.Selection(end, end);
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
  await shot('snippets-list', '.suggest-widget .monaco-list-row');
  await vscode.commands.executeCommand('toggleSuggestionDetails');
  await shot('snippets', '.suggest-details-container .docs');
  await vscode.commands.executeCommand('hideSuggestWidget');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

  if (obsconfDiagnostics(monitor).length === 0) throw new Error('the diagnostics went away while taking screenshots');
}
