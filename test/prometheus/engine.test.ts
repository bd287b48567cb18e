/** Unit tests of the relabel engine: Go expand semantics, hashmod, version differences, detection, hover, preview, samples. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { YamlDocuments } from '../../server/src/engine/documents/yamlFile';
import { Linter } from '../../server/src/engine/linter';
import { analyzeDocument } from '../../server/src/engine/prometheus/analyze';
import { relabelHoverAt } from '../../server/src/engine/prometheus/explain';
import { previewList, staticTargetsOf } from '../../server/src/engine/prometheus/preview';
import { compileRelabelRegex, expandTemplate, findSubmatchIndex, isRegexError, parseTemplate } from '../../server/src/engine/prometheus/regex';
import { hashmod, LabelBuilder } from '../../server/src/engine/prometheus/relabel';
import { sampleTargets } from '../../server/src/engine/prometheus/samples';
import { featuresOf, resolveVersion } from '../../server/src/engine/prometheus/version';
import { runRelabel } from '../../server/src/cli/relabel';

function docOf(text: string, uri = 'file:///test.yaml') {
  const documents = new YamlDocuments({ uri });
  documents.update(text);
  return documents.docs;
}

const v3 = featuresOf(resolveVersion('3.5'));
const v242 = featuresOf(resolveVersion('2.42'));

function expand(regex: string, template: string, value: string): string {
  const compiled = compileRelabelRegex(regex, v3);
  if (isRegexError(compiled)) throw new Error(compiled.message);
  const match = findSubmatchIndex(compiled, value);
  assert.ok(match, `${regex} does not match ${value}`);
  return expandTemplate(parseTemplate(template), compiled, value, match);
}

test('templates expand like Go regexp.Expand', () => {
  assert.equal(expand('(a)(b)', '$1x', 'ab'), '', '$1x names the group "1x"');
  assert.equal(expand('(a)(b)', '${1}x', 'ab'), 'ax');
  assert.equal(expand('(a)(b)', '$2$1', 'ab'), 'ba');
  assert.equal(expand('(a)', '$$1', 'a'), '$1');
  assert.equal(expand('(a)', 'cost $', 'a'), 'cost $', 'a trailing $ is literal');
  assert.equal(expand('(a)', '${1', 'a'), '${1', 'an unclosed brace is literal');
  assert.equal(expand('(?P<host>[^:]+):(?P<port>\\d+)', '${port}/${host}', 'db:5432'), '5432/db');
  assert.equal(expand('(a)', '$01', 'a'), '', 'a leading zero is a name, not a number');
  assert.equal(expand('(a)', '$9', 'a'), '', 'a missing group is empty');
});

test('hashmod equals the values promtool 2.42 computes', () => {
  // promtool check service-discovery printed these for a static job (see corpus/hashmod-*).
  assert.equal(hashmod('localhost:9090', 7n), 4n);
  assert.equal(hashmod('b:80', 7n), 6n);
});

test('the builder iterates like Prometheus: starting labels sorted, then labels set since', () => {
  const lb = new LabelBuilder([['b_x', 'second'], ['a_x', 'first']], [['job', 'j']]);
  lb.set('z', '1');
  lb.set('a_x', 'again');
  assert.deepEqual(lb.entries().map(([n]) => n), ['b_x', 'job', 'z', 'a_x']);
  lb.set('job', '');
  assert.equal(lb.get('job'), '', 'an empty value deletes');
});

test('version differences: newline and dot, UTF-8 names, default port, (?<name>)', () => {
  const dot2 = compileRelabelRegex('a.b', v242);
  const dot3 = compileRelabelRegex('a.b', v3);
  assert.ok(!isRegexError(dot2) && !isRegexError(dot3));
  assert.equal(dot2.re.test('a\nb'), false);
  assert.equal(dot3.re.test('a\nb'), true);
  assert.ok(isRegexError(compileRelabelRegex('(?<n>a)', v242)));
  assert.ok(!isRegexError(compileRelabelRegex('(?<n>a)', v3)));
  const text = "scrape_configs:\n  - job_name: j\n    static_configs:\n      - targets: ['web']\n    relabel_configs:\n      - source_labels: [__address__]\n        target_label: service.name\n";
  const [doc] = docOf(text);
  const errors = (version: string) => analyzeDocument(doc, version)[0].rules[0].problems.map((p) => p.kind);
  assert.deepEqual(errors('2.42'), ['relabel-label-name']);
  assert.deepEqual(errors('3.0'), []);
  const [list3] = analyzeDocument(doc, '3.0');
  const preview3 = previewList(list3, staticTargetsOf(list3.list), { version: resolveVersion('3.0') });
  assert.equal(preview3.targets[0].final?.instance, 'web', '3.x adds no default port');
  assert.equal(preview3.targets[0].final?.['service.name'], 'web');
});

test('pathological and giant regexes run in linear time', () => {
  const evil = compileRelabelRegex('(a*)*b', v3);
  const giant = compileRelabelRegex(Array.from({ length: 500 }, (_, i) => `x${i}(a|b)*c`).join('|'), v3);
  assert.ok(!isRegexError(evil) && !isRegexError(giant));
  const start = performance.now();
  assert.equal(evil.re.test('a'.repeat(200_000)), false);
  assert.equal(giant.re.test('a'.repeat(50_000)), false);
  assert.ok(performance.now() - start < 3000, 'a backtracking engine would take forever here');
});

test('relabel lists are found by content, in every place they live', () => {
  const prom = "global:\n  scrape_interval: 15s\nalerting:\n  alert_relabel_configs:\n    - action: labeldrop\n      regex: replica\n  alertmanagers:\n    - static_configs: [{targets: ['am:9093']}]\n      relabel_configs:\n        - action: keep\n          source_labels: [__address__]\n          regex: am.*\nremote_write:\n  - url: http://x\n    write_relabel_configs:\n      - action: drop\n        source_labels: [__name__]\n        regex: go_.*\nscrape_configs:\n  - job_name: a\n    static_configs: [{targets: ['a:1']}]\n    metric_relabel_configs:\n      - action: labeldrop\n        regex: id\n";
  const stages = analyzeDocument(docOf(prom, 'file:///whatever-name.yaml')[0], undefined).map((l) => `${l.list.stage}:${l.list.key}`);
  assert.deepEqual(stages, ['metric:metric_relabel_configs', 'alert:alert_relabel_configs', 'alertmanager:relabel_configs', 'write:write_relabel_configs']);
  const probe = "apiVersion: monitoring.coreos.com/v1\nkind: Probe\nmetadata: {name: p}\nspec:\n  targets:\n    staticConfig:\n      static: ['x']\n      relabelingConfigs:\n        - sourceLabels: [__address__]\n          targetLabel: target\n  metricRelabelings:\n    - action: LabelDrop\n      regex: x\n";
  assert.deepEqual(analyzeDocument(docOf(probe)[0], undefined).map((l) => `${l.list.dialect}:${l.list.key}:${l.rules[0].problems.length}`), ['operator:relabelingConfigs:0', 'operator:metricRelabelings:0']);
  assert.deepEqual(analyzeDocument(docOf('relabel_configs:\n  - action: nonsense\n')[0], undefined), [], 'not a Prometheus config');
});

test('bad input never throws', () => {
  const inputs = [
    'scrape_configs: 3',
    'scrape_configs:\n  - relabel_configs: oops',
    'scrape_configs:\n  - job_name: x\n    relabel_configs:\n      - ~\n      - [1, 2]\n      - {source_labels: {a: b}, regex: [x], modulus: 1.5, action: {}}\n',
    'scrape_configs:\n  - &a {job_name: x, relabel_configs: [{regex: *a}]}\n',
    'scrape_configs:\n  - job_name: x\n    relabel_configs:\n      - regex: "' + '('.repeat(2000) + '"\n',
  ];
  for (const text of inputs) {
    const linter = new Linter();
    linter.setFile('file:///bad.yaml', text, 'editor');
    while (linter.pending) linter.run();
    const findings = linter.findingsFor('file:///bad.yaml');
    assert.ok(!findings.some((f) => f.ruleId === 'obsconf/internal-error'), `${text}: ${findings.map((f) => f.message).join('; ')}`);
  }
});

test('hover shows the effective rule with defaults and one sentence', () => {
  const text = "scrape_configs:\n  - job_name: 'prometheus'\n    static_configs:\n    - targets: ['localhost:9090']\n    relabel_configs:\n      - source_labels: [__address__]\n        target_label: my_new_label\n        replacement: \"my-new-label-value\"\n";
  const [doc] = docOf(text);
  const hover = relabelHoverAt(doc, text.indexOf('target_label'), undefined)!;
  assert.match(hover, /Sets label my_new_label to "my-new-label-value" on every target\./);
  assert.match(hover, /regex: "\(\.\*\)" {3}# default/);
  assert.match(hover, /separator: ";" {3}# default/);
  assert.match(hover, /action: replace {3}# default/);
  assert.equal(relabelHoverAt(doc, 3, undefined), undefined);
});

test('ServiceMonitor samples come from the workspace Service and pods', () => {
  const linter = new Linter();
  linter.setFile('file:///app.yaml', [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app, namespace: shop}\nspec:\n  template:\n    metadata:\n      labels: {app: web, tier: front}\n    spec:\n      containers:\n        - name: django\n          ports:\n            - {name: metrics-1, containerPort: 9101}\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop, labels: {app: web}}\nspec:\n  selector: {app: web}\n  ports:\n    - {name: metrics-1, port: 9101, targetPort: metrics-1}\n',
    'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  endpoints:\n    - port: metrics-1\n      relabelings:\n        - sourceLabels: [__meta_kubernetes_pod_label_tier]\n          targetLabel: tier\n',
  ].join('---\n'), 'disk');
  while (linter.pending) linter.run();
  const doc = linter.index.files.get('file:///app.yaml')!.docs[2];
  const [analysis] = analyzeDocument(doc, undefined);
  const samples = sampleTargets(analysis.list, linter.index);
  assert.equal(samples.length, 1);
  assert.equal(samples[0].__meta_kubernetes_service_name, 'web');
  assert.equal(samples[0].__meta_kubernetes_pod_label_tier, 'front');
  assert.equal(samples[0].__meta_kubernetes_endpoint_port_name, 'metrics-1');
  assert.match(samples[0].__address__, /:9101$/);
  const preview = previewList(analysis, samples, { version: resolveVersion(undefined), steps: true });
  assert.equal(preview.targets[0].final?.tier, 'front');
  assert.equal(preview.targets[0].final?.__meta_kubernetes_pod_label_tier, undefined, 'meta labels are gone after relabeling');
  assert.equal(preview.targets[0].steps.length, 1);
});

test('obsconf relabel prints kept/dropped targets, labels after the rules and final labels', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'obsconf-relabel-'));
  writeFileSync(join(dir, 'prometheus.yml'), "scrape_configs:\n  - job_name: web\n    static_configs:\n      - targets: ['web:80', 'db:5432']\n    relabel_configs:\n      - source_labels: [__address__]\n        regex: 'db:.*'\n        action: drop\n      - target_label: env\n        replacement: prod\n  - job_name: other\n    static_configs: [{targets: ['x:1']}]\n    relabel_configs: [{target_label: a, replacement: b}]\n");
  writeFileSync(join(dir, 'targets.yaml'), "- targets: ['api:8000']\n  labels: {team: core}\n");
  const text = await runRelabel(['prometheus.yml', '--job', 'web'], dir);
  assert.equal(text.exitCode, 0, text.stderr);
  assert.match(text.stdout, /web:80: kept/);
  assert.match(text.stdout, /db:5432: dropped by rule 1/);
  assert.match(text.stdout, /target labels: +\{env="prod", instance="web:80", job="web"\}/);
  const json = await runRelabel(['prometheus.yml', '--job=web', '--labels', 'targets.yaml', '--format', 'json', '--prometheus-version', '2.42'], dir);
  const parsed = JSON.parse(json.stdout);
  assert.equal(parsed.results[0].targets[0].final.team, 'core');
  assert.equal(parsed.results[0].targets[0].final.instance, 'api:8000');
  assert.equal(parsed.results[0].targets[0].afterRelabel.__scheme__, 'http');
  assert.equal((await runRelabel(['prometheus.yml'], dir)).exitCode, 2, 'several jobs need --job');
  assert.equal((await runRelabel(['prometheus.yml', '--format', 'xml'], dir)).exitCode, 2);
});

test('the literal fast path agrees with RE2', async () => {
  const { regexMatches, findSubmatchIndex: submatch } = await import('../../server/src/engine/prometheus/regex');
  for (const pattern of ['env', 'prod|staging|dev', 'a b|x:1', 'host_3', '/metrics']) {
    const compiled = compileRelabelRegex(pattern, v3);
    assert.ok(!isRegexError(compiled) && compiled.literals, `${pattern} is a literal alternation`);
    for (const value of ['env', 'prod', 'Prod', 'staging', 'dev ', 'a b', 'x:1', 'host_3', 'host_30', '/metrics', '', 'prod|staging']) {
      assert.equal(regexMatches(compiled, value), compiled.re.test(value), `${pattern} on ${JSON.stringify(value)}`);
      assert.equal(submatch(compiled, value) !== undefined, compiled.re.test(value));
    }
  }
  for (const pattern of ['a.b', '(a)', 'a|', 'a*', '\\d']) {
    const compiled = compileRelabelRegex(pattern, v3);
    assert.ok(!isRegexError(compiled) && !compiled.literals, `${pattern} is not a literal alternation`);
  }
});
