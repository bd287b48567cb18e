/**
 * The incremental linter (re-checking only what an edit can affect, through
 * its dependency index) must publish exactly what a fresh lint of the same
 * workspace gives. Random edits rename labels, selectors, ports and
 * namespaces, drop endpoints and move objects between files.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortFindings, toDiagnostic } from '../../server/src/engine/diagnostics';
import { Linter } from '../../server/src/engine/linter';
import { random } from './random';

function app(name: string, namespace: string, workers: number, start: number): string[] {
  const ports = Array.from({ length: workers }, (_, i) => `        - name: metrics-${i + 1}\n          containerPort: ${start + i}\n`).join('');
  const servicePorts = Array.from({ length: workers }, (_, i) => `  - name: metrics-${i + 1}\n    port: ${start + i}\n    targetPort: metrics-${i + 1}\n`).join('');
  const endpoints = Array.from({ length: workers }, (_, i) => `  - port: metrics-${i + 1}\n    interval: 30s\n`).join('');
  return [
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n        tier: web\n    spec:\n      containers:\n      - name: django\n        env:\n        - name: WEB_CONCURRENCY\n          value: "${workers}"\n        - name: METRICS_START_PORT\n          value: "${start}"\n        ports:\n${ports}`,
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels:\n    app: ${name}\nspec:\n  selector:\n    app: ${name}\n  ports:\n${servicePorts}`,
    `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  endpoints:\n${endpoints}`,
  ];
}

/** Text edits that change how objects relate: each picks a random occurrence of a pattern. */
const MUTATIONS: { pattern: RegExp; replace: (match: string, next: () => number) => string }[] = [
  { pattern: /app: (a|b|c)\b/g, replace: (_, next) => `app: ${'abc'[Math.floor(next() * 3)]}` },
  { pattern: /namespace: (one|two)\b/g, replace: (_, next) => `namespace: ${next() < 0.5 ? 'one' : 'two'}` },
  { pattern: /targetPort: metrics-\d/g, replace: (_, next) => `targetPort: metrics-${1 + Math.floor(next() * 4)}` },
  { pattern: /containerPort: \d+/g, replace: (_, next) => `containerPort: ${9000 + Math.floor(next() * 4)}` },
  { pattern: /  - port: metrics-\d\n    interval: 30s\n/g, replace: () => '' },
  { pattern: /value: "\d"/g, replace: (_, next) => `value: "${1 + Math.floor(next() * 4)}"` },
  { pattern: /tier: web/g, replace: (_, next) => (next() < 0.5 ? 'tier: api' : 'tier: web') },
  { pattern: /matchLabels:\n      app: (a|b|c)\n/g, replace: () => 'matchLabels: {}\n' },
];

function snapshot(linter: Linter, uris: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const uri of uris) out[uri] = sortFindings(linter.findingsFor(uri)).map((f) => {
    const d = toDiagnostic(f);
    return { range: d.range, code: d.code, severity: d.severity, message: d.message, related: d.relatedInformation };
  });
  return out;
}

function workspace(): Map<string, string> {
  const files = new Map<string, string>();
  const [a, b, c] = [app('a', 'one', 3, 9000), app('b', 'one', 2, 9000), app('c', 'two', 4, 9000)];
  files.set('file:///w/a.yaml', a.join('---\n'));
  files.set('file:///w/b-deployment.yaml', b[0]);
  files.set('file:///w/b-service.yaml', b[1]);
  files.set('file:///w/b-monitor.yaml', b[2]);
  files.set('file:///w/c.yaml', [c[2], c[0], c[1]].join('---\n'));
  return files;
}

/** One random edit of one file: its URI, the new text and the edit itself. */
function randomEdit(files: Map<string, string>, next: () => number) {
  const uris = [...files.keys()];
  const uri = uris[Math.floor(next() * uris.length)];
  const text = files.get(uri)!;
  const mutation = MUTATIONS[Math.floor(next() * MUTATIONS.length)];
  const matches = [...text.matchAll(mutation.pattern)];
  if (matches.length === 0) return undefined;
  const match = matches[Math.floor(next() * matches.length)];
  const replacement = mutation.replace(match[0], next);
  const offset = match.index!;
  const updated = text.slice(0, offset) + replacement + text.slice(offset + match[0].length);
  files.set(uri, updated);
  return { uri, updated, edit: { offset, removed: match[0].length, text: replacement }, what: `${uri} ${JSON.stringify(match[0])} → ${JSON.stringify(replacement)}` };
}

function freshSnapshot(files: Map<string, string>) {
  const fresh = new Linter();
  for (const [u, t] of files) fresh.setFile(u, t, 'disk');
  fresh.run();
  return snapshot(fresh, [...files.keys()]);
}

function drain(linter: Linter): void {
  let slices = 0;
  do linter.run(() => true);
  while (linter.pending && ++slices < 100_000);
}

describe('incremental lint', () => {
  it('publishes what a fresh lint publishes after each of hundreds of random edits', () => {
    const next = random(Number(process.env.OBSCONF_SEED ?? 2024));
    const files = workspace();
    const uris = [...files.keys()];
    const incremental = new Linter();
    for (const [uri, text] of files) incremental.setFile(uri, text, 'disk');
    incremental.run();

    for (let step = 0; step < 300; step++) {
      const edit = randomEdit(files, next);
      if (!edit) continue;
      // Half of the edits come with their range, as from an editor; the rest as whole texts, as from disk.
      if (next() < 0.5) incremental.setFile(edit.uri, edit.updated, 'editor', step + 2, edit.edit);
      else incremental.setFile(edit.uri, edit.updated, 'editor', step + 2);
      // Run in small slices, as the server does.
      drain(incremental);
      assert.deepEqual(snapshot(incremental, uris), freshSnapshot(files), `step ${step}: ${edit.what}`);
    }
  });

  it('gets there too when edits arrive while earlier work is still pending', () => {
    const next = random(77);
    const files = workspace();
    const uris = [...files.keys()];
    const incremental = new Linter();
    for (const [uri, text] of files) incremental.setFile(uri, text, 'disk');
    for (let round = 0; round < 60; round++) {
      // A few edits, each followed by a single slice of one document at most (the backlog stays).
      for (let k = 0; k < 4; k++) {
        const edit = randomEdit(files, next);
        if (!edit) continue;
        incremental.setFile(edit.uri, edit.updated, 'editor', round * 10 + k + 2, next() < 0.5 ? edit.edit : undefined);
        incremental.run(() => true);
      }
      drain(incremental);
      assert.deepEqual(snapshot(incremental, uris), freshSnapshot(files), `round ${round}`);
    }
  });
});
