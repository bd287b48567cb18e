/**
 * The snippets in snippets/: expanded with their default placeholders, the
 * YAML ones parse, the Helm loops render (Go text/template + sprig) to the
 * numbered blocks, and the django-prometheus settings give the port range
 * python computes from the environment.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { helmRenderer } from './go';

const ROOT = path.join(__dirname, '..', '..');
type Snippets = Record<string, { prefix: string | string[]; body: string[] | string; description: string }>;
const yamlSnippets = JSON.parse(readFileSync(path.join(ROOT, 'snippets', 'yaml.json'), 'utf8')) as Snippets;
const helmSnippets = JSON.parse(readFileSync(path.join(ROOT, 'snippets', 'helm.json'), 'utf8')) as Snippets;
const pythonSnippets = JSON.parse(readFileSync(path.join(ROOT, 'snippets', 'python.json'), 'utf8')) as Snippets;

/** What VS Code inserts when every placeholder keeps its default. */
export function expand(body: string[] | string): string {
  let text = Array.isArray(body) ? body.join('\n') : body;
  const defaults = new Map<string, string>();
  // Innermost placeholders first, so that ${1:${2:x}} works.
  for (let guard = 0; guard < 50 && /\$\{\d+:[^${}]*\}/.test(text); guard++) {
    text = text.replace(/\$\{(\d+):([^${}]*)\}/g, (_, n: string, value: string) => {
      if (!defaults.has(n)) defaults.set(n, value);
      return value;
    });
    text = text.replace(/(?<!\\)\$(\d+)(?!\d)/g, (m, n: string) => (defaults.has(n) ? defaults.get(n)! : m));
  }
  text = text.replace(/(?<!\\)\$(\d+)(?!\d)/g, (_, n: string) => defaults.get(n) ?? '');
  return text.replace(/\\\$/g, '$');
}

test('every snippet has a prefix, a description and a body', () => {
  for (const [name, snippet] of Object.entries({ ...yamlSnippets, ...helmSnippets, ...pythonSnippets })) {
    assert.ok(snippet.prefix.length && snippet.description && snippet.body.length, name);
  }
  const names = [...Object.keys(yamlSnippets), ...Object.keys(helmSnippets)];
  for (const wanted of ['ServiceMonitor', 'PodMonitor', 'Container metrics ports', 'Service metrics ports', 'Helm: container metrics ports loop', 'Helm: Service metrics ports loop', 'Helm: ServiceMonitor endpoints loop']) {
    assert.ok(names.includes(wanted), wanted);
  }
});

test('the plain YAML snippets parse', () => {
  for (const [name, snippet] of Object.entries(yamlSnippets)) {
    for (const doc of parseAllDocuments(expand(snippet.body)) as unknown as { errors: unknown[] }[]) assert.equal(doc.errors.length, 0, name);
  }
});

test('the Helm loop snippets render to metrics-1..N on consecutive ports', () => {
  const render = helmRenderer();
  const values = parse(expand(helmSnippets['Helm values: worker config'].body));
  assert.deepEqual(values, { env: { config: { METRICS_START_PORT: 5001, WEB_CONCURRENCY: 5 } } });
  const container = parse(render(expand(helmSnippets['Helm: container metrics ports loop'].body), values)) as { ports: { name: string; containerPort: number }[] };
  assert.deepEqual(container.ports.slice(1).map((p) => [p.name, p.containerPort]), [1, 2, 3, 4, 5].map((i) => [`metrics-${i}`, 5000 + i]));
  const service = parse(render(expand(helmSnippets['Helm: Service metrics ports loop'].body), values)) as { ports: { name: string; port: number; targetPort: string }[] };
  assert.deepEqual(service.ports.slice(1).map((p) => [p.name, p.port, p.targetPort]), [1, 2, 3, 4, 5].map((i) => [`metrics-${i}`, 5000 + i, `metrics-${i}`]));
  const monitor = parse(render(expand(helmSnippets['Helm: ServiceMonitor endpoints loop'].body), values)) as { endpoints: { port: string; interval: string }[] };
  assert.deepEqual(monitor.endpoints, [1, 2, 3, 4, 5].map((i) => ({ port: `metrics-${i}`, interval: '15s' })));
  const env = parse(render(expand(helmSnippets['Helm: env from values'].body), values)) as { env: { name: string; value: string }[] };
  assert.deepEqual(env.env, [{ name: 'METRICS_START_PORT', value: '5001' }, { name: 'WEB_CONCURRENCY', value: '5' }]);
});

test('the django-prometheus settings snippet gives one port per worker (run by python)', (t) => {
  const snippet = Object.values(pythonSnippets).find((s) => expand(s.body).includes('PROMETHEUS_METRICS_EXPORT_PORT_RANGE'));
  assert.ok(snippet);
  const code = `${expand(snippet.body)}\nprint(list(PROMETHEUS_METRICS_EXPORT_PORT_RANGE))\n`;
  const run = spawnSync('python3', ['-c', code], { env: { ...process.env, METRICS_START_PORT: '5001', WEB_CONCURRENCY: '5' }, encoding: 'utf8' });
  if (run.error) return t.skip('python3 is not installed');
  assert.equal(run.stderr, '');
  assert.equal(run.stdout.trim(), '[5001, 5002, 5003, 5004, 5005]');
});
