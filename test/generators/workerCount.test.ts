/**
 * "Set worker count" and the block generators count workers the way the
 * wiring rules do: with --workers in the container, GUNICORN_CMD_ARGS, the
 * gunicorn config file, the Dockerfile CMD or the Procfile overriding
 * WEB_CONCURRENCY. Whatever they generate, linting again finds the wiring
 * complete for the count the rules report. An override is changed where it
 * lives (only its number, comments and layout kept) or the command refuses
 * and says where it is.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from '../../server/src/engine/documents/lineIndex';
import { blockActionsAt } from '../../server/src/engine/fixes/blocks';
import { workerTargetAt } from '../../server/src/engine/fixes/locate';
import { workerTableMarkdown } from '../../server/src/engine/fixes/ports';
import { indexQueries } from '../../server/src/engine/fixes/queries';
import { applyEdits } from '../../server/src/engine/fixes/text';
import { convertToHelm } from '../../server/src/engine/generators/helm';
import { planWorkerCount, WorkerCountResult } from '../../server/src/engine/generators/workerCount';
import type { Finding } from '../../server/src/engine/rules/types';
import { applyDocEdits } from '../fixes/apply';
import { describe as describeFindings, Files, lint, loadFixture, mutate, uriOf } from '../fixes/harness';

const SEED = loadFixture('seed');
const PATTERN = 'metrics-{i}';
/** Findings about the override itself: they stay while an override exists, whatever its number. */
const OVERRIDE_RULES = new Set(['gunicorn/workers-override', 'wiring/worker-count-override']);

const CONTAINER_PORT = (i: number) => `        - containerPort: ${5000 + i}\n          name: metrics-${i}\n          protocol: TCP\n`;
const SERVICE_PORT = (i: number) => `  - name: metrics-${i}\n    port: ${5000 + i}\n    protocol: TCP\n    targetPort: metrics-${i}\n`;
const ENDPOINT = (i: number) => `  - interval: 15s\n    port: metrics-${i}\n`;

function withFiles(extra: Record<string, string>, base: Files = SEED): Files {
  const files = new Map(base);
  for (const [name, text] of Object.entries(extra)) files.set(uriOf(name), text);
  return files;
}

/** The seed's Deployment with the container's `image:` line replaced (to add args or change the image). */
function withImageLine(files: Files, to: string): Files {
  return mutate(files, 'deployment.yml', '        image: mycompany/app:v0.1.0\n', to);
}

/** Findings that say the wiring does not match the worker count. */
function wiringProblems(files: Files): Finding[] {
  return lint(files).findings.filter((f) => !OVERRIDE_RULES.has(f.ruleId));
}

/** The worker count of the seed's container, as the rules' shared setup computes it. */
function effectiveCount(files: Files): { workers?: number; source: string } {
  const { linter } = lint(files);
  const target = workerTargetAt(linter.index, uriOf('deployment.yml'));
  assert.ok(target, 'the seed container');
  return { workers: target.setup.workers, source: target.setup.workersSource };
}

function plan(files: Files, workers: number): WorkerCountResult {
  const { linter } = lint(files);
  const target = workerTargetAt(linter.index, uriOf('deployment.yml'));
  assert.ok(target, 'the seed container');
  return planWorkerCount(linter.index, target, workers, PATTERN);
}

/** Applies a plan's manifest and file edits. */
function apply(files: Files, result: WorkerCountResult): Files {
  const next = applyDocEdits(files, result.edits);
  for (const uri of new Set(result.fileEdits.map((e) => e.uri))) {
    const text = next.get(uri)!;
    const lines = new LineIndex(text);
    const edits = result.fileEdits.filter((e) => e.uri === uri).map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }));
    next.set(uri, applyEdits(text, edits));
  }
  return next;
}

function setWorkers(files: Files, workers: number): { files: Files; result: WorkerCountResult } {
  const result = plan(files, workers);
  assert.ok(result.ok, result.message);
  return { files: apply(files, result), result };
}

/** Runs every block action offered on the three seed files until none is left. */
function generateBlocks(files: Files): { files: Files; titles: string[] } {
  const titles: string[] = [];
  const spots: [string, string][] = [
    ['deployment.yml', 'name: django'],
    ['service.yml', 'selector:'],
    ['servicemonitor.yml', 'selector:'],
  ];
  for (let round = 0; round < 5; round++) {
    let changed = false;
    for (const [name, needle] of spots) {
      const { linter } = lint(files);
      const text = files.get(uriOf(name))!;
      for (const action of blockActionsAt(linter.index, indexQueries(linter.index), uriOf(name), text.indexOf(needle), PATTERN)) {
        titles.push(action.title);
        files = applyDocEdits(files, action.edits);
        changed = true;
        break;
      }
    }
    if (!changed) return { files, titles };
  }
  assert.fail(`block actions still offered after 5 rounds: ${titles.join('; ')}`);
}

/** Each way of overriding WEB_CONCURRENCY (5 in the seed) with 6 workers. */
const OVERRIDES: { name: string; files: () => Files; changed?: string }[] = [
  {
    name: 'gunicorn.conf.py sets workers',
    files: () => withFiles({ 'gunicorn.conf.py': '# Tuned for the large nodes.\nbind = "0.0.0.0:5000"\nworkers = 6  # one per core\n' }),
    changed: 'gunicorn.conf.py',
  },
  {
    name: 'the Dockerfile CMD passes --workers',
    files: () => withFiles({ Dockerfile: 'FROM python:3.12-slim\n# The web server.\nCMD ["gunicorn", "--workers", "6", "--bind", "0.0.0.0:5000", "app.wsgi"]\n' }),
    changed: 'Dockerfile',
  },
  {
    name: 'the Procfile passes -w',
    files: () => withFiles({ Procfile: 'web: gunicorn app.wsgi -w6 --bind 0.0.0.0:$PORT  # buildpack\nworker: celery -A app worker\n' }),
    changed: 'Procfile',
  },
  {
    name: 'the container args pass --workers',
    files: () => withImageLine(SEED, '        image: mycompany/app:v0.1.0\n        args: ["gunicorn", "--workers", "6", "app.wsgi"]\n'),
  },
  {
    name: 'GUNICORN_CMD_ARGS passes --workers',
    files: () => mutate(SEED, 'deployment.yml', '          value: "5"\n', '          value: "5"\n        - name: GUNICORN_CMD_ARGS\n          value: "--timeout 30 --workers=6"\n'),
  },
];

describe('the effective worker count drives the generators', () => {
  for (const override of OVERRIDES) {
    test(`${override.name}: the rules, the block actions and Set worker count agree`, () => {
      const files = override.files();
      assert.equal(effectiveCount(files).workers, 6, 'the override wins over WEB_CONCURRENCY=5');
      // The rules see worker 6 unwired.
      assert.ok(wiringProblems(files).some((f) => f.ruleId === 'wiring/worker-unscraped' && /Worker 6 of 6/.test(f.message)), describeFindings(wiringProblems(files)));

      // The block actions generate for 6 workers, and afterwards the rules find nothing.
      const generated = generateBlocks(files);
      assert.match(generated.titles[0], /^Generate metrics ports for 6 workers \(.+\) from METRICS_START_PORT$/);
      assert.equal(wiringProblems(generated.files).length, 0, describeFindings(wiringProblems(generated.files)));

      // Set worker count moves the override too: the rules then count 3 workers and find nothing.
      for (const n of [3, 1, 8]) {
        const { files: after, result } = setWorkers(files, n);
        assert.equal(effectiveCount(after).workers, n, `${n}: ${result.message}`);
        assert.equal(wiringProblems(after).length, 0, `${n}: ${describeFindings(wiringProblems(after))}`);
        if (override.changed) {
          assert.deepEqual([...new Set(result.fileEdits.map((e) => e.uri))], [uriOf(override.changed)]);
          assert.match(result.notice ?? '', new RegExp(`${override.changed.replace('.', '\\.')} \\(line \\d+\\).*rebuild`));
          // Only the number changed: comments, quotes and the rest of the line are kept.
          const before = files.get(uriOf(override.changed))!;
          const changed = after.get(uriOf(override.changed))!;
          assert.equal(changed, before.replace(/(--workers", "|workers = |-w)6/, `$1${n}`));
        } else {
          assert.deepEqual(result.fileEdits, []);
          assert.equal(result.notice, undefined);
        }
      }
    });
  }

  test('the worker table hover shows the same count', () => {
    const { linter } = lint(OVERRIDES[0].files());
    const target = workerTargetAt(linter.index, uriOf('deployment.yml'));
    assert.ok(target);
    assert.match(workerTableMarkdown(target.workload, target.container, indexQueries(linter.index), PATTERN) ?? '', /^\*\*6 workers\*\* \(workers = 6 in gunicorn\.conf\.py/);
  });

  test('the Service block action counts the override as well', () => {
    let files = OVERRIDES[0].files();
    for (let i = 1; i <= 5; i++) files = mutate(files, 'service.yml', SERVICE_PORT(i), '');
    const { linter } = lint(files);
    const text = files.get(uriOf('service.yml'))!;
    const actions = blockActionsAt(linter.index, indexQueries(linter.index), uriOf('service.yml'), text.indexOf('selector:'), PATTERN);
    assert.deepEqual(actions.map((a) => a.title), ["Add the ports of the selected pods' metrics-1..6"]);
  });

  test('with the seed alone (WEB_CONCURRENCY only) the title names no other source', () => {
    const files = mutate(SEED, 'deployment.yml', CONTAINER_PORT(5), '');
    const { titles } = generateBlocks(files);
    assert.equal(titles[0], 'Generate metrics ports for 5 workers from METRICS_START_PORT');
  });
});

describe('Set worker count and overrides it cannot change', () => {
  const refuses = (files: Files, pattern: RegExp) => {
    const result = plan(files, 3);
    assert.equal(result.ok, false, 'refused');
    assert.deepEqual([result.edits, result.fileEdits], [[], []]);
    assert.match(result.message, pattern);
  };

  test('a config that computes workers is named, with its line', () => {
    refuses(
      withFiles({ 'gunicorn.conf.py': 'import multiprocessing\n\nworkers = multiprocessing.cpu_count() * 2 + 1\n' }),
      /^The worker count comes from workers = multiprocessing\.cpu_count\(\) \* 2 \+ 1 in gunicorn\.conf\.py \(line 3\), which overrides WEB_CONCURRENCY/,
    );
  });

  test('a config that sets workers under a condition', () => {
    refuses(
      withFiles({ 'gunicorn.conf.py': 'import multiprocessing\n\nif multiprocessing.cpu_count() > 8:\n    workers = 8\n' }),
      /workers in gunicorn\.conf\.py \(line 3\), which is set inside a condition/,
    );
  });

  test('a --workers that is a variable other than WEB_CONCURRENCY', () => {
    refuses(withImageLine(SEED, '        image: mycompany/app:v0.1.0\n        args: ["gunicorn", "--workers", "$(WORKERS)", "app.wsgi"]\n'), /--workers \$\(WORKERS\) in the container args/);
    refuses(withFiles({ Dockerfile: 'FROM python:3.12\nCMD gunicorn --workers "$WORKERS" app.wsgi\n' }), /--workers \$WORKERS in Dockerfile \(line 2\)/);
  });

  test('an override another workload reads too', () => {
    const other = SEED.get(uriOf('deployment.yml'))!.replace(/app-django/g, 'app-admin');
    const files = withFiles({ 'gunicorn.conf.py': 'workers = 6\n', 'admin.yml': other });
    refuses(files, /workers = 6 in gunicorn\.conf\.py \(line 1\), which overrides WEB_CONCURRENCY and is read by Deployment "app-admin" \(container "django"\) as well/);
    // A workload of another image takes its count from its own files: not a reader.
    const redis = other.replace('mycompany/app:v0.1.0', 'redis:7');
    const result = plan(withFiles({ 'gunicorn.conf.py': 'workers = 6\n', 'admin.yml': redis }), 3);
    assert.ok(result.ok, result.message);
  });

  test('a config that follows WEB_CONCURRENCY is left as it is', () => {
    const files = withFiles({ 'gunicorn.conf.py': 'import os\n\nworkers = int(os.environ.get("WEB_CONCURRENCY", 2))\n' });
    assert.equal(effectiveCount(files).workers, 5);
    const { files: after, result } = setWorkers(files, 3);
    assert.deepEqual(result.fileEdits, []);
    assert.equal(result.notice, undefined);
    assert.equal(effectiveCount(after).workers, 3);
    assert.equal(wiringProblems(after).length, 0, describeFindings(wiringProblems(after)));
  });

  test('an override that already gives N is not edited', () => {
    const files = OVERRIDES[0].files();
    const { files: after, result } = setWorkers(files, 6);
    assert.deepEqual(result.fileEdits, []);
    assert.equal(result.notice, undefined);
    assert.match(after.get(uriOf('deployment.yml'))!, /name: WEB_CONCURRENCY\n {10}value: "6"/);
    assert.equal(wiringProblems(after).length, 0, describeFindings(wiringProblems(after)));
  });

  test('the ServiceMonitor and Service follow the count from the config', () => {
    const files = OVERRIDES[0].files();
    const { files: after } = setWorkers(files, 2);
    const monitor = after.get(uriOf('servicemonitor.yml'))!;
    assert.ok(monitor.includes(ENDPOINT(2)) && !monitor.includes('metrics-3'), monitor);
    assert.ok(!after.get(uriOf('service.yml'))!.includes('metrics-3'));
  });
});

describe('Convert to Helm loops', () => {
  function convert(files: Files) {
    const { linter } = lint(files);
    const target = workerTargetAt(linter.index, uriOf('deployment.yml'));
    assert.ok(target);
    return convertToHelm(target, indexQueries(linter.index), PATTERN);
  }

  test('refuses when the config file, not WEB_CONCURRENCY, sets the count', () => {
    const conversion = convert(withFiles({ 'gunicorn.conf.py': 'workers = 5\n' }));
    assert.ok('error' in conversion);
    assert.match(conversion.error, /^The worker count comes from workers in gunicorn\.conf\.py, not from the container's WEB_CONCURRENCY/);
  });

  test('converts when the config reads WEB_CONCURRENCY', () => {
    const conversion = convert(withFiles({ 'gunicorn.conf.py': 'import os\nworkers = int(os.environ["WEB_CONCURRENCY"])\n' }));
    assert.ok(!('error' in conversion), 'error' in conversion ? conversion.error : '');
  });
});
