/** The collector preview through the built server over stdio: diagnostics, CodeLens, hover, the preview and samples requests, re-checks when sample rows change. */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { COLLECTOR_REQUESTS, CollectorPreviewResult, CollectorSamplesResult } from '../../server/src/protocol';
import { LspClient, positionOf } from '../lsp/client';

const CORPUS = path.join(__dirname, 'corpus', 'seed_components');
let root: string;
let client: LspClient;
let uri: string;
let text: string;

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'obsconf-collectors-lsp-'));
  cpSync(CORPUS, path.join(root, 'sla'), { recursive: true });
  // The rows go in a Django fixture here (the corpus case uses the samples file).
  rmSync(path.join(root, 'sla', '.obsconf-samples.yaml'));
  const fixture = [
    { model: 'sla.component', pk: 1, fields: { name: 'api-gateway', team: 'edge' } },
    { model: 'sla.component', pk: 2, fields: { name: 'billing', team: 'payments' } },
    { model: 'sla.component', pk: 3, fields: { name: 'search.v2', team: 'discovery' } },
  ];
  mkdirSync(path.join(root, 'sla', 'fixtures'));
  writeFileSync(path.join(root, 'sla', 'fixtures', 'components.json'), JSON.stringify(fixture, null, 2));
  client = await LspClient.start({ root });
  await client.ready();
  uri = client.uri('sla/collector.py');
  text = readFileSync(path.join(root, 'sla', 'collector.py'), 'utf8');
});

after(async () => {
  await client?.dispose();
  rmSync(root, { recursive: true, force: true });
});

test('search.v2 is flagged at each of the five name arguments, from the JSON fixture on disk', async () => {
  const diagnostics = await client.diagnosticsFor(uri, (d) => d.filter((x) => x.code === 'collectors/metric-name-invalid').length === 5);
  const invalid = diagnostics.filter((d) => d.code === 'collectors/metric-name-invalid');
  assert.ok(invalid.every((d) => /search\.v2_service_window_/.test(String(d.message))));
  assert.deepEqual(invalid[0].range.start, positionOf(text, text.indexOf("''.join( (prefix, SERVICE_WINDOW_LAST_START_METRIC))")));
});

test('a CodeLens above the collector counts families and rows', async () => {
  const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }[];
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].command.title, '5 metric families × 3 components — preview');
  assert.equal(lenses[0].command.command, 'obsconf.previewMetrics');
  assert.equal(lenses[0].range.start.line, positionOf(text, text.indexOf('ComponentCollector')).line);
});

test('hover on a GaugeMetricFamily call lists the rendered names', async () => {
  const at = text.indexOf('GaugeMetricFamily(', text.indexOf("'last_end'"));
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, at + 3) })) as { contents: { value: string } };
  assert.match(hover.contents.value, /`api_gateway_service_window_last_end`/);
  assert.match(hover.contents.value, /`search\.v2_service_window_last_end`/);
  assert.match(hover.contents.value, /\{component, team\}/);
});

test('the preview request returns the exposition text', async () => {
  const result = (await client.connection.sendRequest(COLLECTOR_REQUESTS.preview, { uri })) as CollectorPreviewResult;
  assert.ok(result.text, result.error);
  assert.match(result.text!, /^# TYPE billing_service_window_in_window gauge$/m);
  assert.match(result.text!, /^billing_service_window_in_window\{component="billing",team="payments"\} 0\.0$/m);
  assert.match(result.text!, /RAISES ValueError: Invalid metric name/);
});

test('a row edit on disk re-checks the collector', async () => {
  const fixture = path.join(root, 'sla', 'fixtures', 'components.json');
  writeFileSync(fixture, JSON.stringify([{ model: 'sla.component', pk: 1, fields: { name: 'billing-eu', team: 'x' } }, { model: 'sla.component', pk: 2, fields: { name: 'billing_eu', team: 'y' } }]));
  client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('sla/fixtures/components.json'), type: 2 }] });
  const diagnostics = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'collectors/metric-name-duplicate') && !d.some((x) => x.code === 'collectors/metric-name-invalid'));
  assert.equal(diagnostics.filter((d) => d.code === 'collectors/metric-name-duplicate').length, 5);
});

test('the samples request proposes a file with the model and the fields read', async () => {
  const result = (await client.connection.sendRequest(COLLECTOR_REQUESTS.samples, { uri })) as CollectorSamplesResult;
  assert.equal(result.uri, client.uri('.obsconf-samples.yaml'));
  assert.equal(result.exists, false);
  assert.match(result.content!, /^ {2}Component:$/m);
  assert.match(result.content!, /- name: example-a/);
});
