import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, copyFixture, obsconf, openInEditor, positionOf, removeFixture, waitFor, waitForDiagnostics, waitForReady } from './helpers';

// Navigation, rename and the Helm conversion of the numbered metrics ports (issue 4), on a
// three-file app of its own: orders-api, 3 workers, metrics-1..3 on 9101..9103.

function fileOf(uri: vscode.Uri): string {
  return uri.path.split('/').pop()!;
}

async function definitions(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Location[]> {
  const found = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, position)) ?? [];
  return found.map((l) => ('targetUri' in l ? new vscode.Location(l.targetUri, l.targetSelectionRange ?? l.targetRange) : l));
}

describe('numbered metrics ports: navigation, rename, Helm', () => {
  let folder: vscode.Uri | undefined;
  const file = (name: string) => vscode.Uri.joinPath(folder!, name);
  const text = async (name: string) => (await vscode.workspace.openTextDocument(file(name))).getText();

  before(async () => {
    await waitForReady(await obsconf());
    folder = copyFixture('ports');
    // Open all three, so the server holds them whatever the file watcher's timing.
    for (const name of ['deployment.yml', 'service.yml', 'servicemonitor.yml']) await openInEditor(file(name));
  });
  afterEach(closeAllEditors);
  after(() => removeFixture(folder));

  it('go to definition: ServiceMonitor endpoint port → Service port → container port', async () => {
    const monitor = (await openInEditor(file('servicemonitor.yml'))).document;
    const [inService] = await waitFor('a definition of the endpoint port metrics-2', async () => {
      const found = await definitions(monitor.uri, positionOf(monitor, 'port: metrics-2', 8));
      return found.length ? found : undefined;
    });
    assert.strictEqual(fileOf(inService.uri), 'service.yml');
    const service = await vscode.workspace.openTextDocument(inService.uri);
    assert.strictEqual(inService.range.start.line, positionOf(service, 'name: metrics-2').line, 'lands on the Service port named metrics-2');

    const [inDeployment] = await definitions(service.uri, positionOf(service, 'targetPort: metrics-2', 14));
    assert.ok(inDeployment, 'the Service port leads on to the container port');
    assert.strictEqual(fileOf(inDeployment.uri), 'deployment.yml');
    const deployment = await vscode.workspace.openTextDocument(inDeployment.uri);
    assert.strictEqual(inDeployment.range.start.line, positionOf(deployment, 'name: metrics-2').line, 'lands on the container port named metrics-2');
  });

  it('renaming a port name edits the Deployment, the Service and the ServiceMonitor; an invalid name changes nothing', async () => {
    const monitor = (await openInEditor(file('servicemonitor.yml'))).document;
    const at = positionOf(monitor, 'port: metrics-2', 8);

    // Not an IANA_SVC_NAME (upper case, "_"): refused before anything changes.
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', monitor.uri, at, 'Metrics_2')),
      (error: Error) => /IANA_SVC_NAME|lower-case|letters/i.test(error.message),
    );

    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', monitor.uri, at, 'worker-2');
    assert.ok(edit, 'a rename edit');
    assert.deepStrictEqual(edit.entries().map(([uri]) => fileOf(uri)).sort(), ['deployment.yml', 'service.yml', 'servicemonitor.yml']);
    assert.ok(await vscode.workspace.applyEdit(edit));
    for (const name of ['deployment.yml', 'service.yml', 'servicemonitor.yml']) {
      const body = await text(name);
      assert.doesNotMatch(body, /metrics-2\b/, `${name} no longer names metrics-2`);
      assert.match(body, /worker-2\b/, name);
      assert.match(body, /metrics-3\b/, `${name} keeps the other ports`);
    }
    // Service: both the port's name and its targetPort follow.
    assert.match(await text('service.yml'), /- name: worker-2\n\s+port: 9102\n\s+targetPort: worker-2\n/);
  });

  it('"Convert numbered ports to Helm range loops" rewrites the three files and gives the values.yaml block', async () => {
    const deployment = (await openInEditor(file('deployment.yml'))).document;
    const result = await vscode.commands.executeCommand<{ error?: string; valuesBlock?: string }>('obsconf.convertToHelm', {
      uri: deployment.uri.toString(),
      position: positionOf(deployment, 'WEB_CONCURRENCY'),
      mode: 'replace',
    });
    assert.ok(result && !result.error, `converted: ${result?.error}`);
    const values = await waitFor('the values.yaml block in an editor', () =>
      vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.isUntitled && d.getText().startsWith("# Add this to the chart's values.yaml")),
    );
    assert.match(values.getText(), /WEB_CONCURRENCY: "?3"?/);
    assert.match(values.getText(), /METRICS_START_PORT: "?9101"?/);

    // Written to disk (files.refactoring.autoSave), not left dirty.
    await waitFor('the three files saved', () => (['deployment.yml', 'service.yml', 'servicemonitor.yml'].every((n) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === file(n).toString() && !d.isDirty)) ? true : undefined));
    const disk = (name: string) => fs.readFileSync(file(name).fsPath, 'utf8');
    for (const name of ['deployment.yml', 'service.yml', 'servicemonitor.yml']) {
      const body = disk(name);
      assert.match(body, /\{\{-? *range /, `${name} holds a range loop`);
      assert.doesNotMatch(body, /metrics-[123]\b/, `${name} lost its numbered blocks`);
    }
    assert.match(disk('deployment.yml'), /untilStep/);
    assert.match(disk('deployment.yml'), /containerPort: 8000/, 'the http port stays as it was');
    // The server sees templates now: one note per file that it was not checked, and no YAML errors.
    for (const name of ['deployment.yml', 'service.yml', 'servicemonitor.yml']) {
      await waitForDiagnostics(file(name), 'only obsconf/template-not-checked', (ds) => ds.length === 1 && codeOf(ds[0]) === 'obsconf/template-not-checked');
    }
  });
});
