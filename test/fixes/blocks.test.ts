/**
 * The block code actions (generate the numbered container ports, Service
 * ports, endpoints) and the edit primitives under unusual but valid styles:
 * indented sequences, quoted names, CRLF line endings, missing or empty
 * sequences, flow style (left alone).
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockActionsAt } from '../../server/src/engine/fixes/blocks';
import { fixAll } from '../../server/src/engine/fixes/fixAll';
import { indexQueries } from '../../server/src/engine/fixes/queries';
import { applyDocEdits } from './apply';
import { assertParses, describe, Files, lint, loadFixture, mutate, uriOf } from './harness';

const SEED = loadFixture('seed');
const PORTS = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `        - containerPort: ${5000 + from + i}\n          name: metrics-${from + i}\n          protocol: TCP\n`).join('');
const SERVICE_PORTS = Array.from({ length: 5 }, (_, i) => `  - name: metrics-${i + 1}\n    port: ${5001 + i}\n    protocol: TCP\n    targetPort: metrics-${i + 1}\n`).join('');

function actionsAt(files: Files, name: string, needle: string) {
  const { linter } = lint(files);
  const text = files.get(uriOf(name))!;
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return blockActionsAt(linter.index, indexQueries(linter.index), uriOf(name), offset, 'metrics-{i}');
}

function runAction(files: Files, name: string, needle: string, title: RegExp): Files {
  const actions = actionsAt(files, name, needle);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no action ${title} among: ${actions.map((a) => a.title).join('; ')}`);
  return applyDocEdits(files, action.edits);
}

test('on a complete block, no block action is offered', () => {
  assert.deepEqual(actionsAt(SEED, 'deployment.yml', 'name: django'), []);
  assert.deepEqual(actionsAt(SEED, 'service.yml', 'ports:'), []);
  assert.deepEqual(actionsAt(SEED, 'servicemonitor.yml', 'endpoints:'), []);
});

test('"Generate metrics ports" rebuilds the container block, and running it again offers nothing', () => {
  const broken = mutate(SEED, 'deployment.yml', PORTS(1, 5), '');
  const fixed = runAction(broken, 'deployment.yml', 'name: django', /^Generate metrics ports for 5 workers from METRICS_START_PORT$/);
  assert.equal(fixed.get(uriOf('deployment.yml')), SEED.get(uriOf('deployment.yml')));
  assert.deepEqual(actionsAt(fixed, 'deployment.yml', 'name: django'), []);
});

test('the Service and ServiceMonitor actions add what is missing', () => {
  const noService = mutate(SEED, 'service.yml', SERVICE_PORTS, '');
  const service = runAction(noService, 'service.yml', 'ports:', /^Add the ports of the selected pods' metrics-1\.\.5$/);
  assert.equal(service.get(uriOf('service.yml')), SEED.get(uriOf('service.yml')));
  const monitorText = SEED.get(uriOf('servicemonitor.yml'))!;
  const endpointsBlock = monitorText.slice(monitorText.indexOf('  endpoints:\n'), monitorText.indexOf('  selector:\n'));
  const noEndpoints = mutate(SEED, 'servicemonitor.yml', endpointsBlock, '');
  const monitor = runAction(noEndpoints, 'servicemonitor.yml', 'selector:', /^Add an endpoint per Service metrics port/);
  const text = monitor.get(uriOf('servicemonitor.yml'))!;
  assertParses(text, 'servicemonitor.yml');
  // No sequence left in the file to copy the style from: the key goes last in spec, items indented by two.
  assert.match(text, /\n {2}selector:\n {4}matchLabels:\n {6}app.kubernetes.io\/name: app-django\n {2}endpoints:\n {4}- port: metrics-1\n/);
  const { findings } = lint(monitor);
  assert.equal(findings.length, 0, describe(findings));
});

test('a container without a ports key gets one, in the file\'s sequence style', () => {
  const text = SEED.get(uriOf('deployment.yml'))!;
  const block = text.slice(text.indexOf('        ports:\n'));
  const files = mutate(SEED, 'deployment.yml', block, '');
  const fixed = runAction(files, 'deployment.yml', 'name: django', /^Generate metrics ports/);
  const out = fixed.get(uriOf('deployment.yml'))!;
  assertParses(out, 'deployment.yml');
  // The file writes sequences at the key's column (`containers:\n- env:`), so the new one does too.
  const expected = [1, 2, 3, 4, 5].map((i) => `        - name: metrics-${i}\n          containerPort: ${5000 + i}\n`).join('');
  assert.ok(out.endsWith(`        name: django\n        ports:\n${expected}`), out.slice(-400));
  const { findings } = lint(fixed);
  assert.ok(findings.every((f) => f.ruleId !== 'wiring/worker-unscraped' || !f.message.includes('container')), describe(findings));
});

test('flow-style ports are left alone (no action, no fix)', () => {
  const text = SEED.get(uriOf('deployment.yml'))!;
  const block = text.slice(text.indexOf('        ports:\n'));
  const files = mutate(SEED, 'deployment.yml', block, '        ports: [{containerPort: 5000, name: http}]\n');
  assert.deepEqual(actionsAt(files, 'deployment.yml', 'name: django'), []);
  const result = fixAll([...files].map(([uri, t]) => ({ uri, text: t })));
  assert.equal(result.changed.get(uriOf('deployment.yml')), undefined);
});

test('indented sequences, quoted names and CRLF line endings are kept', () => {
  const crlf: Files = new Map([...SEED].map(([uri, t]) => [uri, t.replace(/\n/g, '\r\n')]));
  let files = mutate(crlf, 'servicemonitor.yml', '  - interval: 15s\r\n    port: metrics-3\r\n', '');
  files = mutate(files, 'deployment.yml', PORTS(4, 4).replace(/\n/g, '\r\n'), '');
  const result = fixAll([...files].map(([uri, text]) => ({ uri, text })));
  for (const [uri, text] of crlf) assert.equal(result.changed.get(uri)?.after ?? files.get(uri), text, uri);

  const indented = `apiVersion: v1
kind: Service
metadata:
  name: app-django
  namespace: app
  labels:
    app.kubernetes.io/name: app-django
spec:
  selector:
    app.kubernetes.io/instance: app
    app.kubernetes.io/name: app-django
  ports:
    - name: 'http'
      port: 80
      targetPort: 'http'
    - name: 'metrics-1'   # worker 1
      port: 5001
      targetPort: 'metrics-1'
`;
  const withIndented = new Map(SEED).set(uriOf('service.yml'), indented);
  const fixed = runAction(withIndented, 'service.yml', 'ports:', /^Add the ports/);
  const out = fixed.get(uriOf('service.yml'))!;
  assert.ok(out.startsWith(indented), 'the existing lines, comment included, are untouched');
  assert.equal(out.slice(indented.length), [2, 3, 4, 5].map((i) => `    - name: 'metrics-${i}'\n      port: ${5000 + i}\n      targetPort: 'metrics-${i}'\n`).join(''));
});
