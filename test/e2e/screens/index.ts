// Puts the real VS Code in the states the README shows, one after the other, and asks the runner
// (scripts/e2e-screenshots.mjs) for a screenshot of each: it logs a request line, the runner waits
// for the named element to be visible, saves the picture, and writes an acknowledgement file that
// this side polls for. Not a test suite: it fails only when a state cannot be reached.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, obsconf, obsconfDiagnostics, openInEditor, waitFor, waitForDiagnostics, waitForReady, workspaceUri } from '../suite/helpers';

const REQUEST = '[obsconf-screenshot]';

const RELABELINGS = `    relabelings:
    - sourceLabels: [__meta_kubernetes_endpoint_port_name]
      regex: metrics-(\\d+)
      targetLabel: worker
`;

async function shot(name: string, waitForSelector: string, frames: string[] = [], scrollTo?: string): Promise<void> {
  const runDir = process.env.OBSCONF_E2E_RUN_DIR;
  if (!runDir) throw new Error('OBSCONF_E2E_RUN_DIR is not set: run this through scripts/e2e-screenshots.mjs');
  const ack = path.join(runDir, 'shots', `${name}.done`);
  console.log(`${REQUEST} ${JSON.stringify({ name, waitForSelector, frames, scrollTo })}`);
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

  // 3. The quick fix menu on the port number that is off by ten.
  const deployment = workspaceUri('broken-app', 'deployment.yml');
  const deploymentEditor = await openInEditor(deployment);
  const [wrongPort] = (await waitForDiagnostics(deployment, 'worker-port-number', (ds) => ds.some((d) => codeOf(d) === 'wiring/worker-port-number'))).filter(
    (d) => codeOf(d) === 'wiring/worker-port-number',
  );
  await cursorOn(deploymentEditor, wrongPort.range);
  await vscode.commands.executeCommand('editor.action.quickFix');
  await shot('quickfix', 'text=Change containerPort to 5003');
  await vscode.commands.executeCommand('hideCodeActionWidget');

  // 4. The hover on a port name: its chain from the container port to the scrape job.
  const goodMonitor = workspaceUri('good-app', 'servicemonitor.yml');
  const goodEditor = await openInEditor(goodMonitor);
  const line = goodEditor.document.getText().split('\n').findIndex((l) => /port: metrics-3\s*$/.test(l));
  const column = goodEditor.document.lineAt(line).text.indexOf('metrics-3') + 2;
  await cursorOn(goodEditor, new vscode.Range(line, column, line, column));
  await vscode.commands.executeCommand('editor.action.showHover');
  await shot('hover-chain', '.monaco-hover-content >> text=container port 5003');
  await vscode.commands.executeCommand('editor.action.hideHover');

  // 5. The snippets offered in an empty YAML file.
  await vscode.commands.executeCommand('workbench.action.closePanel');
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'servicemon' });
  const untitled = await vscode.window.showTextDocument(document);
  const end = document.lineAt(0).range.end;
  untitled.selection = new vscode.Selection(end, end);
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
  await shot('_suggest-open', '.suggest-widget .monaco-list-row'); // Waits only: the widget must be up before its details open.
  await vscode.commands.executeCommand('toggleSuggestionDetails');
  await shot('snippets', '.suggest-details-container .docs');
  await vscode.commands.executeCommand('hideSuggestWidget');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

  // 6. The walkthrough, as a first-time user meets it.
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'obsconf.obsconf#obsconf.getStarted', false);
  await shot('walkthrough', 'text=Get started with obsconf');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');

  // 7. The relabel preview: an endpoint's relabelings run step by step over the targets the
  // workspace's Service and Deployment would give (an unsaved edit adds the relabelings).
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const relabelEditor = await openInEditor(goodMonitor);
  const anchor = '    port: metrics-1\n';
  const insertAt = relabelEditor.document.positionAt(relabelEditor.document.getText().indexOf(anchor) + anchor.length);
  await relabelEditor.edit((e) => e.insert(insertAt, RELABELINGS));
  await cursorOn(relabelEditor, new vscode.Range(insertAt.line + 1, 6, insertAt.line + 1, 6));
  // The command asks two questions; answer them as a user would, with the suggested samples.
  const preview = vscode.commands.executeCommand('obsconf.relabelPreview');
  await shot('_samples-question', '.quick-input-widget >> text=Edit the suggested sample labels');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  await shot('_run-question', 'text=run the relabel preview on these labels?');
  await vscode.commands.executeCommand('notification.acceptPrimaryAction');
  const markdown = await preview;
  if (typeof markdown !== 'string') throw new Error('the relabel preview returned nothing');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
  await shot('relabel-preview', 'text=Relabel preview', ['iframe.webview.ready', '#active-frame'], 'table');
  await closeAllEditors();

  if (obsconfDiagnostics(monitor).length === 0) throw new Error('the diagnostics went away while taking screenshots');
}
