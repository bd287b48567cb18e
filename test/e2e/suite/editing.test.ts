import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, obsconf, obsconfDiagnostics, openInEditor, waitFor, waitForDiagnostics, waitForReady, workspaceUri } from './helpers';

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  // The last argument asks VS Code to resolve the actions' edits (servers may send them lazily).
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind, 50)) ?? [];
}

async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `"${action.title}" applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Reverts every unsaved document (edits across files leave several dirty). */
async function revertAll(): Promise<void> {
  await closeAllEditors();
}

describe('quick fixes, hovers, generators', () => {
  before(async () => {
    await waitForReady(await obsconf());
  });
  afterEach(revertAll);

  it('@smoke a quick fix is offered on a wrong port number, and applying it clears the problem', async () => {
    const uri = workspaceUri('broken-app', 'deployment.yml');
    const editor = await openInEditor(uri);
    const [problem] = (await waitForDiagnostics(uri, 'wiring/worker-port-number', (ds) => ds.some((d) => codeOf(d) === 'wiring/worker-port-number'))).filter(
      (d) => codeOf(d) === 'wiring/worker-port-number',
    );
    const actions = await codeActions(uri, problem.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Change containerPort to 5003');
    assert.ok(fix, `offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `a quick fix: ${fix.kind?.value}`);

    await apply(fix);
    assert.match(editor.document.lineAt(problem.range.start.line).text, /containerPort: 5003$/);
    await waitForDiagnostics(uri, 'wiring/worker-port-number gone', (ds) => !ds.some((d) => codeOf(d) === 'wiring/worker-port-number'));
  });

  it('a quick fix adds the missing ServiceMonitor endpoint for worker 4', async () => {
    const monitor = workspaceUri('broken-app', 'servicemonitor.yml');
    await openInEditor(monitor);
    const diagnostics = await waitForDiagnostics(monitor, 'worker 4 unscraped', (ds) => ds.some((d) => /Worker 4 of 5/.test(d.message)));
    const problem = diagnostics.find((d) => /Worker 4 of 5/.test(d.message))!;
    const actions = await codeActions(monitor, problem.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /metrics-4/.test(a.title));
    assert.ok(fix, `a fix naming metrics-4 is offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    await apply(fix);
    await waitForDiagnostics(monitor, 'worker 4 no longer unscraped', (ds) => !ds.some((d) => /Worker 4 of 5/.test(d.message)));
    const text = (await vscode.workspace.openTextDocument(monitor)).getText();
    assert.match(text, /port: metrics-4/);
  });

  it('"Fix all" applies the safe fixes of a file', async () => {
    const uri = workspaceUri('broken-app', 'service.yml');
    const editor = await openInEditor(uri);
    await waitForDiagnostics(uri, 'the targetPort typo', (ds) => ds.some((d) => codeOf(d) === 'k8s/service-target-port'));
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const actions = await codeActions(uri, whole, 'source.fixAll.obsconf');
    assert.strictEqual(actions.length, 1, `one fix-all action: ${JSON.stringify(actions.map((a) => a.title))}`);
    await apply(actions[0]);
    assert.match(editor.document.getText(), /targetPort: metrics-2\n/);
    await waitForDiagnostics(uri, 'the targetPort problems gone', (ds) => !ds.some((d) => codeOf(d) === 'k8s/service-target-port'));
  });

  it('@smoke the hover on a port name shows its chain from container port to scrape job', async () => {
    const uri = workspaceUri('good-app', 'servicemonitor.yml');
    const editor = await openInEditor(uri);
    const line = editor.document.getText().split('\n').findIndex((l) => /port: metrics-3\s*$/.test(l));
    assert.ok(line >= 0, 'servicemonitor.yml has an endpoint for metrics-3');
    const position = new vscode.Position(line, editor.document.lineAt(line).text.indexOf('metrics-3') + 2);
    const text = await waitFor('a hover on metrics-3', async () => {
      const found = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? []);
      return found.includes('metrics-3') ? found : undefined;
    });
    assert.match(text, /worker 3 of 5/);
    assert.match(text, /container port 5003/);
    assert.match(text, /Service port `metrics-3`/);
    assert.match(text, /serviceMonitor\/[\w-]+\/[\w-]+\/\d+/, `the scrape job is named: ${text}`);
  });

  it('"New Django metrics stack" writes three files that pass every check', async () => {
    const api = await obsconf();
    const folder = workspaceUri('generated');
    const created = await vscode.commands.executeCommand<string[]>('obsconf.newDjangoMetricsStack', {
      appName: 'shop-api',
      namespace: 'shop',
      image: 'mycompany/api:v1.2.0',
      httpPort: 8000,
      workers: 3,
      startPort: 9001,
      scrapeInterval: '30s',
      layout: 'split',
      folder: folder.fsPath,
    });
    assert.strictEqual(created?.length, 3, `created: ${JSON.stringify(created)}`);
    const uris = created.map((u) => vscode.Uri.parse(u));
    for (const uri of uris) await openInEditor(uri);
    const monitor = uris.find((u) => /servicemonitor/.test(u.path))!;
    assert.match((await vscode.workspace.openTextDocument(monitor)).getText(), /port: metrics-3/);

    // Checked, and clean: breaking one of the files must make a finding appear (so the server did
    // look at them), and undoing the break must clear it.
    await waitForReady(api);
    for (const uri of uris) assert.deepStrictEqual(obsconfDiagnostics(uri).map(codeOf), [], uri.path);
    const editor = await openInEditor(monitor);
    const text = editor.document.getText();
    const at = text.indexOf('port: metrics-3');
    await editor.edit((e) => e.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'port: metrics-3'.length)), 'port: metrics-9'));
    await waitForDiagnostics(monitor, 'a finding for the broken endpoint', (ds) => ds.length > 0);
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(monitor, 'clean again', (ds) => ds.length === 0);
    await closeAllEditors();
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('"Set worker count" moves the env, the ports and the endpoints of three files to N', async () => {
    const deployment = workspaceUri('good-app', 'deployment.yml');
    await openInEditor(deployment);
    const result = await vscode.commands.executeCommand<{ applied: boolean; message: string }>('obsconf.setWorkerCount', { uri: deployment.toString(), workers: 3 });
    assert.ok(result?.applied, `applied: ${JSON.stringify(result)}`);
    const text = async (file: string) => (await vscode.workspace.openTextDocument(workspaceUri('good-app', file))).getText();
    assert.match(await text('deployment.yml'), /name: WEB_CONCURRENCY\n\s+value: "3"/);
    for (const file of ['deployment.yml', 'service.yml', 'servicemonitor.yml']) {
      const body = await text(file);
      assert.match(body, /metrics-3/, file);
      assert.doesNotMatch(body, /metrics-4|metrics-5/, `${file} lost the ports of workers 4 and 5`);
    }
    for (const file of ['deployment.yml', 'service.yml', 'servicemonitor.yml']) {
      await waitForDiagnostics(workspaceUri('good-app', file), 'no findings', (ds) => ds.length === 0);
    }
  });
});
