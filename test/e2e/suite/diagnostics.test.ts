import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  codeOf,
  Expected,
  matches,
  obsconf,
  obsconfDiagnostics,
  openInEditor,
  summarize,
  waitForReady,
  waitForDiagnostics,
  workspaceUri,
} from './helpers';

// What a user sees when they open the example: each deliberate break, in the file and on the line
// where it is, with the rule id (the same findings `obsconf check examples/broken-app` prints).
const EXPECTED: Record<string, Expected[]> = {
  'deployment.yml': [{ code: 'wiring/worker-port-number', line: 48, message: /"metrics-3" must be 5003/ }],
  'service.yml': [
    { code: 'k8s/service-target-port', line: 22, message: /targetPort "metrics2"/ },
    { code: 'wiring/worker-unscraped', line: 22, message: /Worker 2 of 5/ },
  ],
  'servicemonitor.yml': [
    { code: 'wiring/worker-unscraped', line: 7, message: /Worker 4 of 5/ },
    { code: 'monitoring/scrape-duration', line: 16, message: /scrapeTimeout 20s is longer than interval 15s/ },
  ],
};

describe('diagnostics in the example workspace', () => {
  before(async () => {
    await obsconf();
  });
  after(closeAllEditors);

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`@smoke opening broken-app/${file} shows its problems`, async () => {
      const uri = workspaceUri('broken-app', file);
      await openInEditor(uri);
      const diagnostics = await waitForDiagnostics(uri, expected.map((e) => e.code).join(', '), (ds) =>
        expected.every((e) => ds.some((d) => matches(d, e))),
      );
      for (const d of diagnostics) {
        assert.ok(d.message.length > 20, `a message that explains: ${d.message}`);
        assert.ok(d.range.start.isBefore(d.range.end), `a non-empty range for ${codeOf(d)}`);
      }
    });
  }

  it('@smoke the rule id of a finding opens its documentation, shipped with the extension', async () => {
    const uri = workspaceUri('broken-app', 'servicemonitor.yml');
    const diagnostics = await waitForDiagnostics(uri, 'monitoring/scrape-duration', (ds) => ds.some((d) => codeOf(d) === 'monitoring/scrape-duration'));
    const code = diagnostics.find((d) => codeOf(d) === 'monitoring/scrape-duration')!.code;
    assert.ok(typeof code === 'object' && code !== null, 'the code carries a link');
    const target = code.target;
    assert.strictEqual(target.scheme, 'file');
    assert.ok(target.path.endsWith('/docs/rules/monitoring/scrape-duration.md'), target.toString());
    const text = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(text, /scrape-duration/);
  });

  it('a cross-file problem points at the other file', async () => {
    const uri = workspaceUri('broken-app', 'service.yml');
    const [unscraped] = await waitForDiagnostics(uri, 'wiring/worker-unscraped', (ds) => ds.some((d) => codeOf(d) === 'wiring/worker-unscraped'));
    const diagnostic = obsconfDiagnostics(uri).find((d) => codeOf(d) === 'wiring/worker-unscraped') ?? unscraped;
    const files = (diagnostic.relatedInformation ?? []).map((r) => r.location.uri.path.split('/').pop());
    assert.ok(files.includes('deployment.yml'), `related information names deployment.yml: ${JSON.stringify(files)}`);
    assert.ok(typeof diagnostic.code === 'object' && diagnostic.code.target.toString().includes('worker-unscraped'), 'the rule id links to its documentation');
  });

  it('the correct example has no problems', async () => {
    for (const file of Object.keys(EXPECTED)) {
      const uri = workspaceUri('good-app', file);
      await openInEditor(uri);
      await waitForReady(await obsconf());
      assert.deepStrictEqual(summarize(obsconfDiagnostics(uri)), '[]', `good-app/${file}`);
    }
  });

  it('editing service.yml in the editor moves a problem out of servicemonitor.yml', async () => {
    const service = workspaceUri('broken-app', 'service.yml');
    const monitor = workspaceUri('broken-app', 'servicemonitor.yml');
    const worker4InMonitor = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'wiring/worker-unscraped' && /Worker 4 of 5/.test(d.message));
    await waitForDiagnostics(monitor, 'worker 4 unscraped', worker4InMonitor);

    // Remove the Service's metrics-4 port without saving: worker 4 now has no Service port at all,
    // so the finding moves from the ServiceMonitor to the Service.
    const editor = await openInEditor(service);
    const text = editor.document.getText();
    const block = '  - name: metrics-4\n    port: 5004\n    protocol: TCP\n    targetPort: metrics-4\n';
    const start = text.indexOf(block);
    assert.ok(start >= 0, 'service.yml holds the metrics-4 port block');
    const range = new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + block.length));
    assert.ok(await editor.edit((edit) => edit.delete(range)), 'the edit applied');
    assert.ok(editor.document.isDirty, 'the edit is not saved');

    await waitForDiagnostics(monitor, 'worker 4 no longer reported in servicemonitor.yml', (ds) => !worker4InMonitor(ds));
    await waitForDiagnostics(service, 'worker 4 reported in service.yml', (ds) =>
      ds.some((d) => codeOf(d) === 'wiring/worker-unscraped' && /Worker 4 of 5/.test(d.message)),
    );

    // Undo the edit: the problem goes back where it was.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!editor.document.isDirty, 'reverted');
    await waitForDiagnostics(monitor, 'worker 4 reported in servicemonitor.yml again', worker4InMonitor);
  });
});
