/**
 * The stack features through the built server over stdio: SLO hover and inlay
 * hints, the error budget request, a generator request, a cross-file
 * diagnostic that follows an edit of the stack file, and the lifecycle quick fix.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { LspClient, positionOf } from '../lsp/client';
import { ErrorBudgetResult, GeneratedFilesResult, STACK_REQUESTS } from '../../server/src/protocol';

const SLO = 'version: prometheus/v1\nservice: checkout\nslos:\n  - name: availability\n    objective: 99.99\n';
const PROMETHEUS = "alerting:\n  alertmanagers:\n    - dns_sd_configs:\n        - names: ['tasks.alertmanager']\n          type: A\n          port: 9093\n";
const STACK = (alias: string) =>
  `services:\n  am_1:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.am_2:9094']\n    networks:\n      mon:\n        aliases: [${alias}]\n  am_2:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.am_1:9094']\n    networks:\n      mon:\n        aliases: [${alias}]\n  prometheus:\n    image: prom/prometheus\n    command:\n      - '--config.file=/etc/prometheus/prometheus.yml' # keep me\n  reloader:\n    image: curlimages/curl\n    entrypoint: ['sh', '-c', 'while sleep 60; do curl -X POST http://prometheus:9090/-/reload; done']\nnetworks:\n  mon: {}\n`;

let root: string;
let client: LspClient;

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'obsconf-stack-lsp-'));
  writeFileSync(path.join(root, 'slo.yaml'), SLO);
  writeFileSync(path.join(root, 'prometheus.yml'), PROMETHEUS);
  writeFileSync(path.join(root, 'stack.yml'), STACK('alertmanager'));
  client = await LspClient.start({ root });
  await client.ready();
});

after(async () => {
  await client?.dispose();
  rmSync(root, { recursive: true, force: true });
});

test('hover on an objective shows its error budget: 99.99 % is 52 min 36 s a year', async () => {
  const uri = client.uri('slo.yaml');
  client.open(uri, SLO);
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(SLO, SLO.indexOf('99.99') + 1) })) as { contents: { value: string } };
  assert.match(hover.contents.value, /\| year \| 52 min 36 s \|/);
  assert.match(hover.contents.value, /\| 30 days \| 4 min 19 s \|/);
});

test('an inlay hint follows the objective', async () => {
  const uri = client.uri('slo.yaml');
  const hints = (await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } } })) as { position: { line: number; character: number }; label: string }[];
  assert.equal(hints.length, 1);
  assert.deepEqual(hints[0].position, positionOf(SLO, SLO.indexOf('99.99') + 5));
  assert.match(hints[0].label, /4 min 19 s \/ 30 d · 52 min 36 s \/ year/);
});

test('the error budget calculator answers and refuses nonsense', async () => {
  const ok = (await client.connection.sendRequest(STACK_REQUESTS.errorBudget, { objective: '99.9%' })) as ErrorBudgetResult;
  assert.deepEqual(ok.budgets?.map((b) => b.text), ['43 min 12 s', '2 h 11 min 29 s', '8 h 45 min 58 s']);
  const bad = (await client.connection.sendRequest(STACK_REQUESTS.errorBudget, { objective: '100' })) as ErrorBudgetResult;
  assert.match(bad.error ?? '', /no error budget/);
});

test('the Alertmanager cluster generator answers with three files', async () => {
  const result = (await client.connection.sendRequest(STACK_REQUESTS.generateAlertmanagerCluster, { instances: 2, nodes: ['n1', 'n2'] })) as GeneratedFilesResult;
  assert.deepEqual(result.files?.map((f) => f.name), ['docker-compose.alertmanager.yml', 'prometheus-alerting.yml', 'alertmanager.yml']);
});

test('renaming the alias in the stack file flags prometheus.yml; renaming it back clears it', async () => {
  const prometheus = client.uri('prometheus.yml');
  const stack = client.uri('stack.yml');
  await client.diagnosticsFor(prometheus, (d) => !d.some((x) => x.code === 'alertmanager/discovery-name'));
  client.open(stack, STACK('alertmanager'));
  client.change(stack, [{ text: STACK('alertmanagers') }]);
  const flagged = await client.diagnosticsFor(prometheus, (d) => d.some((x) => x.code === 'alertmanager/discovery-name'));
  assert.match(flagged.find((x) => x.code === 'alertmanager/discovery-name')!.message as string, /tasks\.alertmanager/);
  client.change(stack, [{ text: STACK('alertmanager') }]);
  await client.diagnosticsFor(prometheus, (d) => !d.some((x) => x.code === 'alertmanager/discovery-name'));
});

test('the missing --web.enable-lifecycle has a quick fix that keeps the comment', async () => {
  const stack = client.uri('stack.yml');
  const diagnostics = await client.diagnosticsFor(stack, (d) => d.some((x) => x.code === 'reload/lifecycle-disabled'));
  const diagnostic = diagnostics.find((x) => x.code === 'reload/lifecycle-disabled')!;
  const actions = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: stack },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  })) as { title: string; edit?: { changes?: Record<string, { newText: string; range: unknown }[]>; documentChanges?: { edits: { newText: string }[] }[] } }[];
  const fix = actions.find((a) => a.title === 'Add --web.enable-lifecycle');
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  const edits = fix.edit?.changes?.[stack] ?? fix.edit?.documentChanges?.[0].edits ?? [];
  assert.deepEqual(edits.map((e) => e.newText), ["\n      - '--web.enable-lifecycle'"]);
});
