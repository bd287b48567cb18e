/**
 * "Convert numbered ports to Helm range loops": the templates it writes,
 * rendered by Go's text/template with the sprig functions Helm uses, give
 * back exactly the files they replace for the current values, and follow a
 * new WEB_CONCURRENCY consistently in all three files.
 */
import * as assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { parse } from 'yaml';
import { convertToHelm, HelmConversion } from '../../server/src/engine/generators/helm';
import { workerTargetAt } from '../../server/src/engine/fixes/locate';
import { indexQueries } from '../../server/src/engine/fixes/queries';
import { applyEdits } from '../../server/src/engine/fixes/text';
import { describe, Files, lint, loadFixture, mutate, uriOf } from '../fixes/harness';
import { helmRenderer } from './go';

const SEED = loadFixture('seed');
let render: ReturnType<typeof helmRenderer>;

before(() => {
  render = helmRenderer();
});

function convert(files: Files): HelmConversion | { error: string } {
  const { linter } = lint(files);
  const target = workerTargetAt(linter.index, uriOf('deployment.yml'));
  assert.ok(target);
  return convertToHelm(target, indexQueries(linter.index), 'metrics-{i}');
}

function templates(files: Files, conversion: HelmConversion): Files {
  const out = new Map(files);
  for (const uri of files.keys()) {
    const parts = conversion.parts.filter((p) => p.doc.file.uri === uri);
    if (!parts.length) continue;
    out.set(uri, applyEdits(files.get(uri)!, parts.map((p) => ({ start: p.doc.startOffset + p.start, end: p.doc.startOffset + p.end, newText: p.replacement }))));
  }
  return out;
}

test('the loops expand to exactly the numbered blocks they replace', () => {
  const conversion = convert(SEED);
  assert.ok(!('error' in conversion), 'error' in conversion ? conversion.error : '');
  assert.equal(conversion.parts.length, 4, 'env, container ports, Service ports, endpoints');
  assert.match(conversion.valuesBlock, /^env:\n  config:\n    METRICS_START_PORT: 5001\n    WEB_CONCURRENCY: 5\n$/);
  const values = parse(conversion.valuesBlock);
  const converted = templates(SEED, conversion);
  for (const [uri, text] of SEED) {
    const template = converted.get(uri)!;
    assert.notEqual(template, text, `${uri} was not converted`);
    assert.match(template, /untilStep \(int \.METRICS_START_PORT\)|range \$key/);
    assert.equal(render(template, values), text, `${uri} renders differently`);
  }
});

test('rendered with other values, the three files stay in step', () => {
  const conversion = convert(SEED) as HelmConversion;
  const converted = templates(SEED, conversion);
  for (const [workers, start] of [[3, 5001], [8, 7000], [1, 9100]]) {
    const values = { env: { config: { METRICS_START_PORT: start, WEB_CONCURRENCY: workers } } };
    const rendered: Files = new Map([...converted].map(([uri, t]) => [uri, render(t, values)]));
    const { findings } = lint(rendered);
    assert.equal(findings.length, 0, `${workers} workers from ${start}:\n${describe(findings)}`);
    const monitor = rendered.get(uriOf('servicemonitor.yml'))!;
    assert.equal(monitor.split('port: metrics-').length - 1, workers);
    assert.match(rendered.get(uriOf('deployment.yml'))!, new RegExp(`containerPort: ${start + workers - 1}\\n          name: metrics-${workers}\\n`));
  }
});

test('blocks that a loop would change are not converted', () => {
  const broken = mutate(SEED, 'service.yml', 'targetPort: metrics-2', 'targetPort: metrics2');
  const result = convert(broken);
  assert.ok('error' in result);
  assert.match(result.error, /Service port metrics-2 is not written like Service port metrics-1/);
  const missing = mutate(SEED, 'servicemonitor.yml', '  - interval: 15s\n    port: metrics-4\n', '');
  const second = convert(missing);
  assert.ok('error' in second);
  assert.match(second.error, /4 numbered entries for 5 workers/);
});
