/**
 * Protocol tests: the built server driven over stdio on a copy of
 * examples/broken-app (deployment.yml, service.yml, servicemonitor.yml).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { codes, LspClient, rangeOf, REPO_ROOT } from './client';

const BROKEN_APP = path.join(REPO_ROOT, 'examples', 'broken-app');
const CREATED = 1;
const DELETED = 3;

let root: string;
let client: LspClient | undefined;

/** A predicate: the diagnostics carry exactly these rule ids. */
const codesAre =
  (...expected: string[]) =>
  (diagnostics: Diagnostic[]) =>
    codes(diagnostics).join() === [...expected].sort().join();

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'obsconf-lsp-'));
  cpSync(BROKEN_APP, dir, { recursive: true });
  return dir;
}

const read = (name: string) => readFileSync(path.join(root, name), 'utf8');

async function start(settings?: Record<string, unknown>): Promise<LspClient> {
  client = await LspClient.start({ root, settings });
  return client;
}

beforeEach(() => {
  root = workspace();
});

afterEach(async () => {
  await client?.dispose();
  client = undefined;
  rmSync(root, { recursive: true, force: true });
});

describe('three-file workspace', () => {
  it('publishes diagnostics for all three files, with rule ids and ranges', async () => {
    const c = await start();
    // A long first lint may publish progress: wait for the complete sets (a timeout shows what came instead).
    const deployment = await c.diagnosticsFor(c.uri('deployment.yml'), codesAre('wiring/worker-count-override', 'wiring/worker-port-number'));
    const service = await c.diagnosticsFor(c.uri('service.yml'), codesAre('k8s/service-target-port', 'wiring/worker-unscraped'));
    const monitor = await c.diagnosticsFor(c.uri('servicemonitor.yml'), codesAre('monitoring/scrape-duration', 'wiring/worker-unscraped'));

    // Ranges sit on the offending node, in the file's own coordinates.
    const portNumber = deployment.find((d) => d.code === 'wiring/worker-port-number')!;
    assert.deepEqual(portNumber.range, rangeOf(read('deployment.yml'), '5013'));
    assert.equal(portNumber.severity, 1);
    const targetPort = service.find((d) => d.code === 'k8s/service-target-port')!;
    assert.deepEqual(targetPort.range, rangeOf(read('service.yml'), 'metrics2'));
    assert.match(String(targetPort.message), /metrics2/);
    assert.ok(targetPort.codeDescription?.href.endsWith('docs/rules/k8s/service-target-port.md'));
    // The finding says where the other side lives: the Deployment, in the other file.
    assert.ok(targetPort.relatedInformation?.some((r) => r.location.uri === c.uri('deployment.yml')), 'related information points into deployment.yml');
    const timeout = monitor.find((d) => d.code === 'monitoring/scrape-duration')!;
    assert.deepEqual(timeout.range, rangeOf(read('servicemonitor.yml'), '20s'));
    assert.equal(c.diagnostics.get(c.uri('deployment.yml'))!.version, undefined, 'files that are not open carry no version');
  });

  it('an edit in service.yml changes the diagnostics of service.yml and servicemonitor.yml', async () => {
    const c = await start();
    const serviceUri = c.uri('service.yml');
    const monitorUri = c.uri('servicemonitor.yml');
    await c.diagnosticsFor(monitorUri, (d) => d.some((x) => x.code === 'wiring/worker-unscraped'));
    let text = read('service.yml');
    c.open(serviceUri, text);

    // Fix the targetPort: both findings on it go away.
    const fix = rangeOf(text, 'metrics2');
    let version = c.change(serviceUri, [{ range: fix, text: 'metrics-2' }]);
    text = text.replace('metrics2', 'metrics-2');
    const fixed = await c.diagnosticsFor(serviceUri, (d) => d.length === 0, 'no findings after the targetPort fix');
    assert.deepEqual(fixed, []);
    assert.equal(c.diagnostics.get(serviceUri)!.version, version);

    // Rename the Service's label: the ServiceMonitor now matches only the pods (another file changes).
    const label = rangeOf(text, 'app.kubernetes.io/name: shop-django');
    version = c.change(serviceUri, [{ range: label, text: 'app.kubernetes.io/name: shop-renamed' }]);
    // The unscraped-worker finding goes with the matched Service.
    const monitor = await c.diagnosticsFor(monitorUri, codesAre('monitoring/scrape-duration', 'monitoring/servicemonitor-selects-pods'));
    assert.deepEqual(monitor.find((d) => d.code === 'monitoring/servicemonitor-selects-pods')!.range.start.line, rangeOf(read('servicemonitor.yml'), 'selector').start.line);

    // Undo: the original findings come back.
    c.change(serviceUri, [{ range: { start: label.start, end: { line: label.start.line, character: label.start.character + 'app.kubernetes.io/name: shop-renamed'.length } }, text: 'app.kubernetes.io/name: shop-django' }]);
    await c.diagnosticsFor(monitorUri, codesAre('monitoring/scrape-duration', 'wiring/worker-unscraped'));
    assert.ok(version > 1);
  });

  it('follows files created and deleted on disk (didChangeWatchedFiles)', async () => {
    const c = await start();
    const serviceUri = c.uri('service.yml');
    await c.diagnosticsFor(serviceUri, (d) => d.length > 0);
    assert.ok(c.registrations.includes('workspace/didChangeWatchedFiles'), 'the server registers a file watcher');

    // A new file on disk is indexed and checked.
    mkdirSync(path.join(root, 'more'));
    const extra = path.join(root, 'more', 'extra.yaml');
    writeFileSync(extra, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: extra\n  namespace: shop\nspec:\n  ports:\n  - port: 70000\n');
    c.filesChanged([{ uri: c.uri('more/extra.yaml'), type: CREATED }]);
    const extraDiagnostics = await c.diagnosticsFor(c.uri('more/extra.yaml'), (d) => d.some((x) => x.code === 'k8s/service-port-number'));
    assert.deepEqual(extraDiagnostics.find((x) => x.code === 'k8s/service-port-number')!.range, rangeOf(readFileSync(extra, 'utf8'), '70000'));

    // Deleting it clears its diagnostics.
    unlinkSync(extra);
    c.filesChanged([{ uri: c.uri('more/extra.yaml'), type: DELETED }]);
    await c.diagnosticsFor(c.uri('more/extra.yaml'), (d) => d.length === 0, 'cleared diagnostics of a deleted file');

    // Deleting the Deployment changes what the Service in another file resolves to.
    unlinkSync(path.join(root, 'deployment.yml'));
    c.filesChanged([{ uri: c.uri('deployment.yml'), type: DELETED }]);
    await c.diagnosticsFor(c.uri('deployment.yml'), (d) => d.length === 0, 'cleared diagnostics of deployment.yml');
    // A selector finding once no workload is left, and no port that fails to resolve in it.
    await c.diagnosticsFor(serviceUri, (d) => !d.some((x) => x.code === 'k8s/service-target-port') && d.some((x) => String(x.code).startsWith('k8s/service-selector')));
  });

  it('keeps the editor text of a file deleted on disk while open', async () => {
    const c = await start();
    const serviceUri = c.uri('service.yml');
    await c.diagnosticsFor(serviceUri, (d) => d.length > 0);
    const text = read('service.yml');
    c.open(serviceUri, text);
    await c.diagnosticsFor(serviceUri, (d) => d.length > 0 && c.diagnostics.get(serviceUri)!.version === 1, 'diagnostics of the opened file');

    unlinkSync(path.join(root, 'service.yml'));
    c.filesChanged([{ uri: serviceUri, type: DELETED }]);
    // An edit after the deletion is still checked against the open text.
    const version = c.change(serviceUri, [{ range: rangeOf(text, 'metrics2'), text: 'metrics-2' }]);
    await c.diagnosticsFor(serviceUri, (d) => c.diagnostics.get(serviceUri)!.version === version && d.length === 0, 'no findings after an edit');
    // The deployment still sees the Service of the open editor: no "no Service selects it" finding.
    assert.ok(!(c.diagnostics.get(c.uri('deployment.yml'))?.diagnostics ?? []).some((d) => String(d.code).includes('selector')));

    // Closing the editor lets the deletion count: the file's diagnostics are cleared.
    const since = c.mark(serviceUri);
    c.close(serviceUri);
    const cleared = await c.nextDiagnostics(serviceUri, since);
    assert.deepEqual(cleared.diagnostics, []);
    await c.assertAlive();
  });
});

describe('settings', () => {
  it('applies obsconf.rules from workspace/configuration after didChangeConfiguration', async () => {
    const c = await start({ obsconf: { rules: {} }, files: { exclude: {} } });
    const monitorUri = c.uri('servicemonitor.yml');
    await c.diagnosticsFor(monitorUri, (d) => d.some((x) => x.code === 'monitoring/scrape-duration'));
    c.changeSettings({ obsconf: { rules: { 'monitoring/scrape-duration': 'off', 'wiring/worker-unscraped': 'hint' } }, files: { exclude: {} } });
    await c.diagnosticsFor(monitorUri, (d) => codes(d).join() === 'wiring/worker-unscraped' && d[0].severity === 4, 'scrape-duration off, worker-unscraped a hint');
  });

  it('honours .obsconf.yaml at the workspace root, and VS Code settings win over it', async () => {
    writeFileSync(path.join(root, '.obsconf.yaml'), 'rules:\n  monitoring/scrape-duration: off\n  wiring/worker-port-number: warning\n');
    const c = await start({ obsconf: { rules: { 'wiring/worker-port-number': 'info' } } });
    await c.diagnosticsFor(c.uri('servicemonitor.yml'), codesAre('wiring/worker-unscraped'));
    await c.diagnosticsFor(c.uri('deployment.yml'), (d) => d.some((x) => x.code === 'wiring/worker-port-number' && x.severity === 3), 'worker-port-number as info');

    // Editing .obsconf.yaml on disk is picked up through the file watcher.
    writeFileSync(path.join(root, '.obsconf.yaml'), 'rules:\n  wiring/worker-unscraped: off\n');
    c.filesChanged([{ uri: c.uri('.obsconf.yaml'), type: 2 }]);
    await c.diagnosticsFor(c.uri('servicemonitor.yml'), codesAre('monitoring/scrape-duration'));
  });

  it('skips folders in files.exclude', async () => {
    mkdirSync(path.join(root, 'vendor'));
    writeFileSync(path.join(root, 'vendor', 'bad.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  ports:\n  - port: 70000\n');
    mkdirSync(path.join(root, 'checked'));
    writeFileSync(path.join(root, 'checked', 'bad.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  ports:\n  - port: 70000\n');
    const c = await start({ files: { exclude: { '**/vendor': true, '**/checked-not': false } } });
    await c.diagnosticsFor(c.uri('checked/bad.yaml'), (d) => d.some((x) => x.code === 'k8s/service-port-number'));
    await c.ready();
    assert.equal(c.diagnostics.get(c.uri('vendor/bad.yaml')), undefined, 'nothing published for an excluded file');
    assert.equal(c.statuses.at(-1)!.files, 4, 'three app files and checked/bad.yaml are indexed');
  });
});

describe('lifecycle', () => {
  it('exits with code 0 after shutdown and exit', async () => {
    const c = await start();
    await c.diagnosticsFor(c.uri('service.yml'), (d) => d.length > 0);
    assert.equal(await c.stop(), 0);
  });

  it('exits with code 1 on exit without shutdown', async () => {
    const c = await start();
    void c.connection.sendNotification('exit');
    assert.equal(await c.exited, 1);
  });
});
