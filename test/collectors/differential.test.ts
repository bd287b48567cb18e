/**
 * Differential test of the custom collector preview against the real
 * prometheus_client (Debian python3-prometheus-client, installed by .ci/run).
 *
 * For every module of test/collectors/corpus/<case>/ (a package with
 * collector.py, and where it iterates Django models: models.py and sample rows
 * in .obsconf-samples.yaml or fixtures/), obsconf's preview and findings are
 * compared with what harness.py observes when the library runs the collector
 * on the same rows:
 *   - the exposed families: name, TYPE, sample names, label names;
 *   - collectors/metric-name-invalid  ⇔ the constructor raised "Invalid metric name";
 *   - collectors/family-arguments     ⇔ the constructor raised for its arguments;
 *   - collectors/label-name-invalid   ⇔ prometheus_client's label-name validation rejects a label;
 *   - collectors/add-metric-label-count ⇔ add_metric got another number of label values;
 *   - collectors/metric-name-duplicate ⇔ a family clashes with an earlier one on the registry's names.
 *
 * Without python3 + prometheus_client the test is skipped, except in CI (CI=true), where it fails.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { modulePreview } from '../../server/src/engine/collectors/preview';
import { SampleSet } from '../../server/src/engine/collectors/samples';
import { collectorAnalysis, TextFile } from '../../server/src/engine/collectors/workspace';
import { Linter } from '../../server/src/engine/linter';
import { ALL_RULES } from '../../server/src/engine/rules/index';
import type { Finding } from '../../server/src/engine/rules/types';

const HERE = new URL('.', import.meta.url).pathname;
const CORPUS = join(HERE, 'corpus');
const HARNESS = join(HERE, 'harness.py');

/** A python3 that can import prometheus_client: $OBSCONF_PYTHON, Debian's /usr/bin/python3, then python3 on PATH. */
function findPython(): { python?: string; why: string } {
  const candidates = [process.env.OBSCONF_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c);
  const tried: string[] = [];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import prometheus_client; print(prometheus_client.__file__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { python, why: '' };
    tried.push(`${python}: ${probe.error ? probe.error.message : probe.stderr.trim().split('\n').pop()}`);
  }
  return { why: `no python3 with prometheus_client (install python3-prometheus-client; tried ${tried.join('; ')})` };
}

interface HarnessFamily {
  name: string;
  type: string;
  samples: string[];
  labels: string[];
}

interface HarnessResult {
  families: HarnessFamily[];
  errors: { kind: 'name' | 'arguments'; name: string; message: string }[];
  addMetric: { family: string; declared: number; given: number }[];
  labelErrors: { family: string; label: string; message: string }[];
  duplicates: string[];
  collectErrors: string[];
  registerErrors: string[];
  exposition: string;
}

interface Case {
  name: string;
  dir: string;
  collector: TextFile;
  others: TextFile[];
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== '__pycache__') out.push(...filesUnder(full));
    } else out.push(full);
  }
  return out;
}

function loadCase(name: string): Case {
  const dir = join(CORPUS, name);
  const read = (path: string): TextFile => ({ uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') });
  const others = filesUnder(dir)
    .filter((p) => !p.endsWith('/collector.py') && !p.endsWith('__init__.py'))
    .map(read);
  return { name, dir, collector: read(join(dir, 'collector.py')), others };
}

const COLLECTOR_RULES = ALL_RULES.filter((r) => r.id.startsWith('collectors/'));

function obsconfFindings(c: Case): Finding[] {
  const linter = new Linter(COLLECTOR_RULES);
  for (const f of [...c.others, c.collector]) linter.setFile(f.uri, f.text, 'disk');
  while (linter.pending) linter.run();
  return linter.findingsFor(c.collector.uri);
}

function rowsFor(c: Case): Record<string, Record<string, unknown>[]> {
  const set = new SampleSet();
  for (const f of c.others) set.add(f.uri, f.text);
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const model of set.models()) out[model] = set.rowsFor(model, '', c.name)?.rows ?? [];
  return out;
}

function runHarness(python: string, c: Case): HarnessResult {
  const dir = mkdtempSync(join(tmpdir(), 'obsconf-collectors-'));
  try {
    const rowsPath = join(dir, 'rows.json');
    writeFileSync(rowsPath, JSON.stringify(rowsFor(c)));
    const run = spawnSync(python, ['-B', HARNESS, CORPUS, c.name, rowsPath], { encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    assert.equal(run.status, 0, `harness failed on ${c.name}:\n${run.stderr}`);
    return JSON.parse(run.stdout) as HarnessResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
const dataList = (f: Finding, key: string): string[] => {
  const v = f.data?.[key];
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
};
const familiesOf = (f: Finding) => (dataList(f, 'families').length ? dataList(f, 'families') : dataList(f, 'family'));

const CASES = readdirSync(CORPUS)
  .filter((n) => existsSync(join(CORPUS, n, 'collector.py')))
  .sort();

const { python, why } = findPython();
const skip = python ? false : process.env.CI === 'true' ? false : `skipped: ${why}`;

describe('custom collector preview vs prometheus_client', { skip }, () => {
  test('python3 with prometheus_client is available', () => {
    assert.ok(python, why);
  });

  test('the corpus holds at least 20 collector modules', () => {
    assert.ok(CASES.length >= 20, `only ${CASES.length} cases`);
  });

  for (const name of CASES) {
    test(name, () => {
      assert.ok(python, why);
      const c = loadCase(name);
      const real = runHarness(python!, c);
      assert.deepEqual(real.collectErrors, [], `collect() failed under the harness: ${real.collectErrors.join('; ')}`);
      const { source, analysis } = collectorAnalysis(c.collector, c.others);
      const previews = modulePreview(analysis, source, 'legacy');
      assert.ok(previews.length > 0, 'obsconf found no collector');
      for (const p of previews) assert.equal(p.incomplete, false, `analysis of ${p.className} incomplete`);
      const findings = obsconfFindings(c);
      const byRule = (id: string) => findings.filter((f) => f.ruleId === id);

      // Exposed families: what generate_latest writes for the families that do not raise.
      const mine = previews.flatMap((p) => p.families.filter((f) => !f.raises)).flatMap((f) => f.exposed);
      for (const f of previews.flatMap((p) => p.families)) assert.equal(f.yielded, 'yes', `obsconf cannot tell whether ${f.name} is yielded`);
      assert.deepEqual(
        mine.map((e) => `${e.name} ${e.type}`),
        real.families.map((e) => `${e.name} ${e.type}`),
        `families of ${name} (exposition:\n${real.exposition})`,
      );
      real.families.forEach((fam, i) => {
        const ours = mine[i];
        assert.deepEqual(ours.samples.map((s) => s.name), fam.samples, `sample names of ${fam.name}`);
        assert.deepEqual(sorted(ours.samples.flatMap((s) => s.labels)), fam.labels, `label names of ${fam.name}`);
      });

      // Findings fire exactly where the library raises, rejects or duplicates.
      assert.deepEqual(
        sorted(byRule('collectors/metric-name-invalid').flatMap((f) => dataList(f, 'names'))),
        sorted(real.errors.filter((e) => e.kind === 'name').map((e) => e.name)),
        'invalid metric names',
      );
      assert.deepEqual(
        sorted(byRule('collectors/family-arguments').flatMap(familiesOf)),
        sorted(real.errors.filter((e) => e.kind === 'arguments').map((e) => e.name)),
        'constructor argument errors',
      );
      assert.deepEqual(
        sorted(byRule('collectors/label-name-invalid').flatMap((f) => familiesOf(f).map((fam) => `${fam} ${dataList(f, 'label')[0]}`))),
        sorted(real.labelErrors.map((e) => `${e.family} ${e.label}`)),
        'label name errors',
      );
      assert.deepEqual(
        sorted(byRule('collectors/add-metric-label-count').flatMap((f) => familiesOf(f).map((fam) => `${fam} ${f.data?.declared}→${f.data?.given}`))),
        sorted(real.addMetric.map((e) => `${e.family} ${e.declared}→${e.given}`)),
        'add_metric label counts',
      );
      assert.deepEqual(sorted(byRule('collectors/metric-name-duplicate').flatMap(familiesOf)), sorted(real.duplicates), 'duplicated families');
      if (real.registerErrors.length) assert.ok(byRule('collectors/metric-name-duplicate').length > 0, `registry raised: ${real.registerErrors.join('; ')}`);
    });
  }

  test("the seed's collector shows 15 names and flags search.v2", () => {
    const c = loadCase('seed_components');
    const { source, analysis } = collectorAnalysis(c.collector, c.others);
    const [preview] = modulePreview(analysis, source, 'legacy');
    const names = preview.families.map((f) => f.name);
    const expected = ['api_gateway', 'billing', 'search.v2'].flatMap((p) =>
      ['last_start', 'last_end', 'next_start', 'next_end', 'in_window'].map((s) => `${p}_service_window_${s}`),
    );
    assert.deepEqual(sorted(names), sorted(expected));
    assert.equal(preview.siteCount, 5);
    assert.deepEqual(preview.rows.map((r) => [r.model, r.count]), [['Component', 3]]);
    const invalid = obsconfFindings(c).filter((f) => f.ruleId === 'collectors/metric-name-invalid');
    assert.equal(invalid.length, 5);
    assert.ok(invalid.every((f) => f.message.includes('search.v2') && !f.message.includes('api_gateway')));
    for (const f of preview.families) assert.deepEqual(f.labels, ['component', 'team']);
  });
});
