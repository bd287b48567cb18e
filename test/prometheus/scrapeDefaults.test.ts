/**
 * The scrape defaults the relabel preview puts on each target (__scrape_interval__,
 * __scrape_timeout__), resolved as Prometheus' config loading does: model.ParseDuration
 * reads "0", "0s" and a plain 0 alike as zero, and a zero interval or timeout is
 * replaced by the default (GlobalConfig.UnmarshalYAML, ScrapeConfig.Validate).
 * The differential test checks the same cases against promtool when it is installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { YamlDocuments } from '../../server/src/engine/documents/yamlFile';
import { analyzeDocument } from '../../server/src/engine/prometheus/analyze';
import { scrapeDefaultsOf } from '../../server/src/engine/prometheus/preview';
import { parsePrometheusDuration } from '../../server/src/engine/prometheus/duration';

function defaultsOf(global: string, job: string) {
  const text = [
    ...(global ? ['global:', ...global.split('\n').map((l) => `  ${l}`)] : []),
    'scrape_configs:',
    '  - job_name: case',
    ...(job ? job.split('\n').map((l) => `    ${l}`) : []),
    '    static_configs:',
    "      - targets: ['app:8080']",
    '    relabel_configs:',
    '      - target_label: x',
    '        replacement: y',
    '',
  ].join('\n');
  const docs = new YamlDocuments({ uri: 'file:///prometheus.yml' });
  docs.update(text);
  const list = analyzeDocument(docs.docs[0], '3.5').find((l) => l.list.stage === 'target');
  assert.ok(list, 'no target relabel list found');
  const defaults = scrapeDefaultsOf(list.list);
  assert.ok(defaults);
  return `${defaults.scrapeInterval};${defaults.scrapeTimeout}`;
}

test('the duration parser reads "0" as zero, like model.ParseDuration', () => {
  assert.equal(parsePrometheusDuration('0'), 0);
  assert.equal(parsePrometheusDuration('0s'), 0);
  assert.equal(parsePrometheusDuration('0m0s'), 0);
  assert.equal(parsePrometheusDuration(''), undefined);
  assert.equal(parsePrometheusDuration('00'), undefined);
});

test('a zero job interval or timeout takes the global value, whichever way zero is written', () => {
  const global = 'scrape_interval: 20s\nscrape_timeout: 7s';
  for (const zero of ['"0"', "'0'", '0', '0s', '"0s"', '0m0s', '0ms']) {
    assert.equal(defaultsOf(global, `scrape_interval: ${zero}\nscrape_timeout: ${zero}`), '20s;7s', `zero written as ${zero}`);
  }
  // The quoted "0" and "0s" agree: both are zero, neither is a zero-second interval.
  assert.equal(defaultsOf(global, 'scrape_interval: "0"'), defaultsOf(global, 'scrape_interval: "0s"'));
});

test('zero global durations fall back to Prometheus defaults, 1m and 10s', () => {
  for (const zero of ['"0"', '0', '0s']) {
    assert.equal(defaultsOf(`scrape_interval: ${zero}\nscrape_timeout: ${zero}`, ''), '1m;10s', `zero written as ${zero}`);
  }
  assert.equal(defaultsOf('', ''), '1m;10s');
  assert.equal(defaultsOf('scrape_interval: null', 'scrape_interval: ~'), '1m;10s');
});

test('the timeout defaults are cut to the interval, the global one to the global interval first', () => {
  // Global timeout: min(10s, 5s) = 5s; the job's 20s interval keeps it.
  assert.equal(defaultsOf('scrape_interval: 5s', 'scrape_interval: 20s'), '20s;5s');
  // The job's own interval cuts the global timeout.
  assert.equal(defaultsOf('scrape_interval: 1m\nscrape_timeout: 30s', 'scrape_interval: 15s'), '15s;15s');
  assert.equal(defaultsOf('scrape_interval: 1m', 'scrape_interval: 90s\nscrape_timeout: 1m30s'), '1m30s;1m30s');
  assert.equal(defaultsOf('', 'scrape_interval: 2s'), '2s;2s');
});

test('a value that is not a duration leaves the default in place (Prometheus refuses the file)', () => {
  assert.equal(defaultsOf('scrape_interval: 20s', 'scrape_interval: 15'), '20s;10s');
  assert.equal(defaultsOf('scrape_interval: 20s', 'scrape_interval: 1.5m'), '20s;10s');
  assert.equal(defaultsOf('scrape_interval: 20s', 'scrape_interval: [1m]'), '20s;10s');
});
