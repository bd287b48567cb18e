/** `obsconf metrics`: the preview and findings of the CLI, in text, JSON and exposition formats. */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { runMetrics } from '../../server/src/cli/metrics';

let root: string;

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'obsconf-metrics-cli-'));
  cpSync(path.join(__dirname, 'corpus', 'seed_components'), path.join(root, 'sla'), { recursive: true });
  writeFileSync(path.join(root, 'manage.py'), '');
});

after(() => rmSync(root, { recursive: true, force: true }));

test('text: 15 names per component, search.v2 flagged, exit 1', async () => {
  const out = await runMetrics(['sla/collector.py'], root);
  assert.equal(out.exitCode, 1, out.stderr);
  assert.match(out.stdout, /ComponentCollector \(line 18\): 5 metric families; 3 Component rows from sla\/\.obsconf-samples\.yaml/);
  assert.match(out.stdout, /component "api-gateway":\n {6}gauge +api_gateway_service_window_last_start \(gauge: api_gateway_service_window_last_start\); labels component, team/);
  assert.equal((out.stdout.match(/collectors\/metric-name-invalid/g) ?? []).length, 5);
});

test('json: families, types, exposed names and findings', async () => {
  const out = await runMetrics(['sla/collector.py', '--format', 'json'], root);
  const [file] = JSON.parse(out.stdout) as { collectors: { metrics: { name: string; type: string; labels: string[]; raises?: string }[] }[]; findings: { rule: string; line: number }[] }[];
  const metrics = file.collectors[0].metrics;
  assert.equal(metrics.length, 15);
  assert.deepEqual(metrics.filter((m) => m.raises).map((m) => m.name).sort(), metrics.filter((m) => m.name.startsWith('search.v2')).map((m) => m.name).sort());
  assert.ok(file.findings.every((f) => f.rule === 'collectors/metric-name-invalid'));
});

test('--samples replaces the project rows; exposition format', async () => {
  writeFileSync(path.join(root, 'rows.yaml'), 'models:\n  Component:\n    - {name: web, team: a}\n');
  const out = await runMetrics(['sla/collector.py', '--samples', 'rows.yaml', '--format', 'exposition'], root);
  assert.equal(out.exitCode, 0, out.stdout);
  assert.match(out.stdout, /^# TYPE web_service_window_next_end gauge$/m);
  assert.match(out.stdout, /^web_service_window_next_end\{component="web",team="a"\} …$/m);
  assert.doesNotMatch(out.stdout, /billing/);
});

test('usage errors exit 2', async () => {
  assert.equal((await runMetrics([], root)).exitCode, 2);
  assert.equal((await runMetrics(['sla/collector.py', '--format', 'xml'], root)).exitCode, 2);
  assert.equal((await runMetrics(['missing.py'], root)).exitCode, 2);
});
