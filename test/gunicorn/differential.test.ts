/**
 * Differential test against real gunicorn: for every gunicorn.conf.py of the
 * corpus, obsconf's "gunicorn fails to start / starts" verdict must equal what
 * gunicorn's own logging setup does with the file (harness.py: the file loaded
 * as gunicorn loads it, then glogging.Logger), the lines obsconf predicts on
 * stdout and stderr for one gunicorn.error and one gunicorn.access line must
 * be the lines gunicorn prints, and gunicorn/logconfig-duplicate-lines must
 * fire exactly when gunicorn prints a line twice on one stream. The fix of
 * that rule is then applied and the fixed file run through gunicorn again.
 *
 * Needs Debian's python3-gunicorn and python3-structlog (.ci/run installs
 * them). Without them the test is skipped, except in CI (CI=true), where it
 * fails.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { GunicornConfig } from '../../server/src/engine/gunicorn/config';
import { applyEdits, duplicateFinding } from '../../server/src/engine/gunicorn/duplicates';
import { Linter } from '../../server/src/engine/linter';
import { PythonSource } from '../../server/src/engine/python/source';

const HERE = new URL('.', import.meta.url).pathname;
const CORPUS = join(HERE, 'corpus');
const HARNESS = join(HERE, 'harness.py');

interface Real {
  started: boolean;
  failure: string | null;
  logging_errors: number;
  error: { stdout: number; stderr: number };
  access: { stdout: number; stderr: number };
}

/** A Python that can import gunicorn and structlog (Debian's packages live under /usr/bin/python3). */
function findPython(): string | undefined {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(candidate, ['-c', 'import gunicorn.glogging, structlog'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

function runHarness(python: string, files: string[]): Record<string, Real> {
  const out = execFileSync(python, [HARNESS, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  return JSON.parse(out) as Record<string, Real>;
}

const python = findPython();
const missing = python ? undefined : 'python3 with gunicorn and structlog is not installed (apt-get install python3-gunicorn python3-structlog; .ci/run does it)';
const inCi = process.env.CI === 'true';

describe('gunicorn differential', () => {
  if (missing && inCi) {
    test('tools are installed in CI', () => assert.fail(missing));
    return;
  }
  const files = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.py'))
    .sort();
  test('the corpus holds at least 30 config files', () => assert.ok(files.length >= 30, `${files.length} files`));
  const real = missing ? {} : runHarness(python!, files.map((f) => join(CORPUS, f)));

  for (const name of files) {
    test(name, { skip: missing }, () => {
      const text = readFileSync(join(CORPUS, name), 'utf8');
      const expected = real[name];
      assert.ok(expected, `the harness did not report ${name}`);
      const model = new GunicornConfig(new PythonSource(pathToFileURL(join(CORPUS, name)).href, text)).logging();
      const verdict = expected.started ? 'starts' : 'fails';
      assert.equal(model.verdict, verdict, `${name}: obsconf says ${model.verdict} (${model.unknowns.join('; ')}), gunicorn ${verdict}${expected.failure ? ` (${expected.failure})` : ''}`);
      if (expected.started) {
        for (const logger of ['error', 'access'] as const) {
          assert.deepEqual(model.lines[logger].counts, expected[logger], `${name}: gunicorn.${logger} lines per stream`);
          assert.ok(model.lines[logger].known, `${name}: obsconf does not know where gunicorn.${logger} lines go`);
        }
      }
      // The rules as the editor and the CLI run them.
      const linter = new Linter();
      const uri = pathToFileURL(join(CORPUS, 'gunicorn.conf.py')).href;
      linter.setFile(uri, text, 'disk');
      linter.run();
      const findings = linter.findingsFor(uri);
      const printedTwice = expected.started && [expected.error, expected.access].some((l) => l.stdout >= 2 || l.stderr >= 2);
      assert.equal(
        findings.some((f) => f.ruleId === 'gunicorn/logconfig-duplicate-lines'),
        printedTwice,
        `${name}: the duplicate-lines warning must fire exactly when gunicorn prints a line twice`,
      );
      const fatal = findings.filter((f) => f.ruleId.startsWith('gunicorn/logconfig-') && f.severity === 'error' && (f.data as { fatal?: boolean } | undefined)?.fatal);
      assert.equal(fatal.length > 0, !expected.started, `${name}: a "gunicorn fails to start" error must appear exactly when gunicorn fails (${fatal.map((f) => f.message).join(' | ')})`);
    });
  }

  test('the propagate fix makes gunicorn print each line once', { skip: missing }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'obsconf-gunicorn-fix-'));
    try {
      const fixed: string[] = [];
      for (const name of files) {
        const text = readFileSync(join(CORPUS, name), 'utf8');
        const config = new GunicornConfig(new PythonSource(pathToFileURL(join(CORPUS, name)).href, text));
        const finding = duplicateFinding(config, config.logging());
        if (!finding?.fix) continue;
        writeFileSync(join(dir, name), applyEdits(text, finding.fix.edits));
        fixed.push(join(dir, name));
      }
      assert.ok(fixed.length >= 3, `only ${fixed.length} corpus files have a fix`);
      const after = runHarness(python!, fixed);
      for (const [name, result] of Object.entries(after)) {
        assert.ok(result.started, `${name}: gunicorn no longer starts after the fix (${result.failure})`);
        for (const logger of ['error', 'access'] as const) {
          const line = result[logger];
          assert.ok(line.stdout <= 1 && line.stderr <= 1, `${name}: gunicorn.${logger} still printed twice after the fix`);
          assert.ok(line.stdout + line.stderr >= 1, `${name}: gunicorn.${logger} no longer printed after the fix`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
