/**
 * Differential test against the real Prometheus: for every corpus case,
 * obsconf's valid/invalid verdict must equal `promtool check config`'s, and
 * for valid cases the preview's target labels must equal what
 * `promtool check service-discovery` computes for the static job.
 * The promtool version decides the version obsconf is told to emulate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { YamlDocuments } from '../../server/src/engine/documents/yamlFile';
import { analyzeDocument } from '../../server/src/engine/prometheus/analyze';
import { Linter } from '../../server/src/engine/linter';
import { DEFAULT_SETTINGS, mergeSettings } from '../../server/src/engine/settings';
import { previewList, staticTargetsOf } from '../../server/src/engine/prometheus/preview';
import { resolveVersion } from '../../server/src/engine/prometheus/version';

const run = promisify(execFile);
const corpusDir = join(__dirname, 'corpus');
const files = readdirSync(corpusDir).filter((f) => f.endsWith('.yml')).sort();

function promtoolVersion(): string | undefined {
  try {
    const out = execFileSync('promtool', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return /version (\d+\.\d+\.\d+)/.exec(out)?.[1];
  } catch {
    return undefined;
  }
}

const version = promtoolVersion();
const inCi = process.env.CI === 'true';

test('the corpus has at least 60 cases, valid and invalid', () => {
  assert.ok(files.length >= 60, `only ${files.length} corpus cases`);
  assert.ok(files.filter((f) => f.startsWith('invalid-')).length >= 20);
});

if (!version && inCi) {
  test('promtool is installed in CI', () => {
    assert.fail('promtool not found: .ci/run installs Debian\'s prometheus package; the differential test cannot run without it.');
  });
} else if (!version) {
  test('differential test against promtool', { skip: 'promtool not found (install Debian\'s prometheus package, as .ci/run does, to compare obsconf with the real Prometheus)' }, () => {});
} else {
  const emulated = resolveVersion(version);

  function analyse(file: string) {
    const text = readFileSync(join(corpusDir, file), 'utf8');
    const docs = new YamlDocuments({ uri: `file:///${file}` });
    docs.update(text);
    const lists = analyzeDocument(docs.docs[0], emulated.text);
    // The verdict is what `obsconf check` reports: any error from any rule.
    const linter = new Linter(undefined, mergeSettings(DEFAULT_SETTINGS, { prometheus: { version: emulated.text } }));
    const uri = `file:///corpus/${file}`;
    linter.setFile(uri, text, 'disk');
    while (linter.pending) linter.run();
    return { lists, errors: linter.findingsFor(uri).filter((f) => f.severity === 'error') };
  }

  // A few promtool processes at a time: the machine is shared.
  async function limit<T>(items: string[], n: number, fn: (item: string) => Promise<T>): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    let next = 0;
    await Promise.all(
      Array.from({ length: n }, async () => {
        while (next < items.length) {
          const item = items[next++];
          out.set(item, await fn(item));
        }
      }),
    );
    return out;
  }

  test(`verdicts and labels equal promtool ${version}'s`, async () => {
    const results = await limit(files, 3, async (file) => {
      const path = join(corpusDir, file);
      let valid = true;
      let message = '';
      try {
        await run('promtool', ['check', 'config', path]);
      } catch (error) {
        valid = false;
        message = String((error as { stderr?: string }).stderr ?? error).trim();
      }
      let sd: { labels: Record<string, string>; error?: unknown }[] | undefined;
      if (valid) {
        const { stdout } = await run('promtool', ['check', 'service-discovery', '--timeout=250ms', path, 'case'], { maxBuffer: 1 << 24 });
        sd = JSON.parse(stdout);
      }
      return { valid, message, sd };
    });
    const failures: string[] = [];
    let compared = 0;
    for (const file of files) {
      const expected = results.get(file)!;
      const { lists, errors } = analyse(file);
      const verdict = errors.length === 0;
      if (lists.length === 0) {
        failures.push(`${file}: obsconf found no relabel list`);
        continue;
      }
      if (verdict !== expected.valid) {
        failures.push(`${file}: promtool says ${expected.valid ? 'valid' : `invalid (${expected.message.split('\n').pop()})`}, obsconf says ${verdict ? 'valid' : `invalid (${errors.map((e) => e.message).join(' | ')})`}`);
        continue;
      }
      if (!expected.valid || !expected.sd) continue;
      const list = lists.find((l) => l.list.stage === 'target')!;
      const preview = previewList(list, staticTargetsOf(list.list), { version: emulated, steps: false });
      const ours = preview.targets.map((t) => (t.kept && !t.error ? t.targetLabels ?? {} : {}));
      const theirs = expected.sd.map((t) => t.labels);
      compared++;
      try {
        assert.deepEqual(ours, theirs);
      } catch {
        failures.push(`${file}: labels differ\n  promtool: ${JSON.stringify(theirs)}\n  obsconf:  ${JSON.stringify(ours)}`);
      }
    }
    assert.ok(compared >= 40, `only ${compared} cases compared labels`);
    assert.deepEqual(failures, []);
  });
}
