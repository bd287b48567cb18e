/**
 * The seed article's three files, broken in each way the rules know, are
 * repaired by the quick fixes, by "fix all" (safe fixes only) and by
 * "Set worker count". Every single fix is applied on its own as well: the
 * files still parse, the finding is gone, and fix-all converges.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAll } from '../../server/src/engine/fixes/fixAll';
import { diffEdits } from '../../server/src/engine/fixes/text';
import { applyFix, assertParses, describe, Files, lint, loadFixture, mutate, touchedLines, uriOf } from './harness';
import { setWorkerCount } from './workerCount';

const SEED = loadFixture('seed');

interface Break {
  name: string;
  file: string;
  from: string;
  to: string;
  /** The rule that must report it. */
  rule: string;
  /** Whether fix-all gives back the seed byte for byte. */
  restores: boolean;
  /** Needs "Set worker count" to this N after fix-all. */
  workers?: number;
}

const BLOCK = (name: string, port: number) => `        - containerPort: ${port}\n          name: ${name}\n          protocol: TCP\n`;
const SERVICE_PORT = (i: number) => `  - name: metrics-${i}\n    port: ${5000 + i}\n    protocol: TCP\n    targetPort: metrics-${i}\n`;
const ENDPOINT = (i: number) => `  - interval: 15s\n    port: metrics-${i}\n`;

const BREAKS: Break[] = [
  { name: 'container port metrics-3 missing', file: 'deployment.yml', from: BLOCK('metrics-3', 5003), to: '', rule: 'wiring/worker-unscraped', restores: true },
  { name: 'last container port missing', file: 'deployment.yml', from: BLOCK('metrics-5', 5005), to: '', rule: 'wiring/worker-unscraped', restores: true },
  { name: 'Service port metrics-4 missing', file: 'service.yml', from: SERVICE_PORT(4), to: '', rule: 'wiring/worker-unscraped', restores: true },
  { name: 'ServiceMonitor endpoint metrics-5 missing', file: 'servicemonitor.yml', from: ENDPOINT(5), to: '', rule: 'wiring/worker-unscraped', restores: true },
  { name: 'first endpoint missing', file: 'servicemonitor.yml', from: ENDPOINT(1), to: '', rule: 'wiring/worker-unscraped', restores: true },
  { name: 'container port misnumbered', file: 'deployment.yml', from: 'containerPort: 5003', to: 'containerPort: 5013', rule: 'wiring/worker-port-number', restores: true },
  { name: 'targetPort name typo', file: 'service.yml', from: 'targetPort: metrics-2', to: 'targetPort: metrics2', rule: 'wiring/worker-unscraped', restores: true },
  { name: 'numeric targetPort wrong', file: 'service.yml', from: 'targetPort: metrics-3', to: 'targetPort: 5030', rule: 'wiring/worker-port-number', restores: false },
  { name: 'endpoint port typo', file: 'servicemonitor.yml', from: 'port: metrics-3', to: 'port: metrics3', rule: 'monitoring/servicemonitor-port', restores: true },
  { name: 'fewer workers than ports', file: 'deployment.yml', from: 'value: "5"', to: 'value: "4"', rule: 'wiring/worker-port-extra', restores: false, workers: 4 },
  { name: 'more workers than ports', file: 'deployment.yml', from: 'value: "5"', to: 'value: "7"', rule: 'wiring/worker-unscraped', restores: false },
  { name: 'worker count also in GUNICORN_CMD_ARGS', file: 'deployment.yml', from: '          value: "5"\n', to: '          value: "5"\n        - name: GUNICORN_CMD_ARGS\n          value: "--workers 5 --timeout 30"\n', rule: 'wiring/worker-count-override', restores: false },
  { name: 'worker count in the container args', file: 'deployment.yml', from: '        image: mycompany/app:v0.1.0\n', to: '        image: mycompany/app:v0.1.0\n        args: ["gunicorn", "--workers", "5", "app.wsgi"]\n', rule: 'wiring/worker-count-override', restores: false },
  { name: 'scrape timeout longer than the interval', file: 'servicemonitor.yml', from: '    port: metrics-2\n', to: '    port: metrics-2\n    scrapeTimeout: 20s\n', rule: 'monitoring/scrape-duration', restores: false },
  { name: 'interval with a blank', file: 'servicemonitor.yml', from: '  - interval: 15s\n    port: metrics-4\n', to: '  - interval: 15 s\n    port: metrics-4\n', rule: 'monitoring/scrape-duration', restores: true },
  { name: 'env value not quoted', file: 'deployment.yml', from: 'value: "5001"', to: 'value: 5001', rule: 'k8s/field-type', restores: true },
  { name: 'containerPort quoted', file: 'deployment.yml', from: 'containerPort: 5004', to: 'containerPort: "5004"', rule: 'k8s/field-type', restores: true },
  { name: 'protocol in lowercase', file: 'deployment.yml', from: '          name: metrics-2\n          protocol: TCP', to: '          name: metrics-2\n          protocol: tcp', rule: 'k8s/container-port-number', restores: true },
  { name: 'quoted number as targetPort', file: 'service.yml', from: 'targetPort: metrics-5', to: 'targetPort: "5005"', rule: 'k8s/service-target-port', restores: false },
];

function assertClean(files: Files, label: string): void {
  const { findings } = lint(files);
  assert.equal(findings.length, 0, `${label} is not lint-clean:\n${describe(findings)}`);
}

function applyAll(files: Files, result: ReturnType<typeof fixAll>): Files {
  const next = new Map(files);
  for (const [uri, { after }] of result.changed) next.set(uri, after);
  return next;
}

test('the seed itself is lint-clean', () => assertClean(SEED, 'the seed'));

for (const brk of BREAKS) {
  test(`seed broken: ${brk.name}`, () => {
    const broken = mutate(SEED, brk.file, brk.from, brk.to);
    const { findings } = lint(broken);
    const reported = findings.filter((f) => f.ruleId === brk.rule);
    assert.ok(reported.length > 0, `expected ${brk.rule}, got:\n${describe(findings)}`);

    // Each fix on its own: parses, touches only its lines, makes its finding go away.
    for (const finding of findings) {
      for (const fix of finding.fixes ?? []) {
        const fixed = applyFix(broken, fix);
        for (const [uri, text] of fixed) {
          assertParses(text, `${uri} after "${fix.title}"`);
          const editedLines = new Set<number>();
          for (const edit of fix.edits) {
            if (!('doc' in edit.at) || edit.at.doc.file.uri !== uri) continue;
            const r = edit.at.doc.range(edit.at.span.start, edit.at.span.end);
            for (let l = r.start.line; l <= Math.max(r.start.line, r.end.line - (r.end.character === 0 && r.end.line > r.start.line ? 1 : 0)); l++) editedLines.add(l);
          }
          const touched = touchedLines(broken.get(uri)!, text);
          assert.ok(
            touched.some((line) => editedLines.has(line)) || touched.length === 0,
            `"${fix.title}" changed lines ${touched.map((l) => l + 1)} of ${uri}, none of them its own`,
          );
          const changed = diffEdits(broken.get(uri)!, text);
          for (const hunk of changed) {
            const removedLines = broken.get(uri)!.slice(hunk.start, hunk.end).split('\n').length - 1;
            assert.ok(removedLines <= [...editedLines].length + 1, `"${fix.title}" rewrote ${removedLines} lines of ${uri}`);
          }
        }
        const again = lint(fixed).findings;
        assert.ok(
          !again.some((f) => f.ruleId === finding.ruleId && f.message === finding.message),
          `"${fix.title}" did not remove: ${finding.message}`,
        );
      }
    }

    const result = fixAll([...broken].map(([uri, text]) => ({ uri, text })));
    assert.ok(result.converged, 'fix-all did not converge');
    let repaired = applyAll(broken, result);
    for (const [uri, text] of repaired) assertParses(text, uri);
    if (brk.workers !== undefined) {
      assert.ok(lint(repaired).findings.length > 0, 'only unsafe fixes remain: "fix all" must not apply them');
      repaired = setWorkerCount(repaired, 'deployment.yml', brk.workers);
    }
    assertClean(repaired, `the seed after fixing "${brk.name}"`);
    if (brk.restores) for (const [uri, text] of SEED) assert.equal(repaired.get(uri), text, `${uri} differs from the seed after fix-all`);

    // Idempotent: nothing more to do.
    const second = fixAll([...repaired].map(([uri, text]) => ({ uri, text })));
    assert.equal(second.changed.size, 0, 'a second fix-all changed something');
  });
}

test('more workers: fix-all and "Set worker count" agree', () => {
  const broken = mutate(SEED, 'deployment.yml', 'value: "5"', 'value: "7"');
  const viaFixAll = applyAll(broken, fixAll([...broken].map(([uri, text]) => ({ uri, text }))));
  const viaCommand = setWorkerCount(SEED, 'deployment.yml', 7);
  for (const uri of SEED.keys()) assert.equal(viaFixAll.get(uri), viaCommand.get(uri), uri);
  assert.match(viaCommand.get(uriOf('service.yml'))!, /- name: metrics-7\n    port: 5007\n    protocol: TCP\n    targetPort: metrics-7\n  selector:/);
});

test('"Set worker count" down and up again gives the seed back', () => {
  const three = setWorkerCount(SEED, 'deployment.yml', 3);
  assertClean(three, 'three workers');
  assert.doesNotMatch(three.get(uriOf('servicemonitor.yml'))!, /metrics-4/);
  const five = setWorkerCount(three, 'deployment.yml', 5);
  for (const [uri, text] of SEED) assert.equal(five.get(uri), text, uri);
  // Setting the count it already has changes nothing.
  const same = setWorkerCount(SEED, 'deployment.yml', 5);
  for (const [uri, text] of SEED) assert.equal(same.get(uri), text, uri);
});

test('everything broken at once is repaired', () => {
  let broken = mutate(SEED, 'deployment.yml', BLOCK('metrics-3', 5003), '');
  broken = mutate(broken, 'service.yml', SERVICE_PORT(3), '');
  broken = mutate(broken, 'servicemonitor.yml', ENDPOINT(3), '');
  broken = mutate(broken, 'service.yml', 'targetPort: metrics-2', 'targetPort: metrics2');
  broken = mutate(broken, 'servicemonitor.yml', 'port: metrics-4', 'port: metrics4');
  const repaired = applyAll(broken, fixAll([...broken].map(([uri, text]) => ({ uri, text }))));
  assertClean(repaired, 'the seed after fixing everything');
  for (const [uri, text] of SEED) assert.equal(repaired.get(uri), text, uri);
});
