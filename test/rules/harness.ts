/**
 * The per-rule fixture harness (test/rules/README.md explains the layout and
 * the annotation syntax). `checkFixture` lints a fixture in a fresh Linter,
 * compares the findings with the annotations, applies the safe fixes until
 * nothing changes and returns every problem it found; an empty list is a pass.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { parseConfig } from '../../server/src/engine/config';
import { targetRange, targetUriOf } from '../../server/src/engine/diagnostics';
import { LineIndex } from '../../server/src/engine/documents/lineIndex';
import { classifyContent } from '../../server/src/engine/documents/yamlFile';
import { Linter } from '../../server/src/engine/linter';
import { ALL_RULES, RULES_BY_ID } from '../../server/src/engine/rules/index';
import type { Finding, Rule, Target } from '../../server/src/engine/rules/types';
import { DEFAULT_SETTINGS, EngineSettings, mergeSettings } from '../../server/src/engine/settings';
import { Expectation, parseAnnotations, Range, renderAnnotation, stripAnnotations } from './annotations';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES_ROOT = join(REPO_ROOT, 'test', 'rules');

/** File types a fixture may hold: what the workspace index reads (JSON only inside folder fixtures, as Django fixture data). */
const FIXTURE_EXTENSIONS = ['.yaml', '.yml', '.py'];
const FOLDER_EXTENSIONS = [...FIXTURE_EXTENSIONS, '.json', 'Dockerfile', 'Procfile'];
const isYaml = (name: string) => name.endsWith('.yaml') || name.endsWith('.yml');
const CONFIG_FILE = '.obsconf.yaml';
const MAX_FIX_ROUNDS = 10;

export interface FixtureFile {
  /** Path relative to the fixture (a file name; for folder fixtures, the file inside). */
  name: string;
  path: string;
  uri: string;
  text: string;
}

export interface Fixture {
  ruleId: string;
  kind: 'ok' | 'bad';
  /** `bad-missing-endpoint.yaml`, or `bad-three-files` for a folder. */
  name: string;
  path: string;
  files: FixtureFile[];
  /** The folder's `.obsconf.yaml`, if any. */
  configText?: string;
  /** `<name>.fixed.yaml` or the `<name>.fixed/` folder: the expected text after the safe fixes. */
  expectedFixed?: Map<string, string>;
}

/** The folder holding a rule's fixtures: `test/rules/<family>/<name>`. */
export function fixtureDirOf(ruleId: string): string {
  return join(FIXTURES_ROOT, ...ruleId.split('/'));
}

const isFixtureFile = (name: string) => FIXTURE_EXTENSIONS.some((ext) => name.endsWith(ext));
const fixedTwinOf = (name: string) => {
  const ext = FIXTURE_EXTENSIONS.find((e) => name.endsWith(e));
  return ext ? `${name.slice(0, -ext.length)}.fixed${ext}` : `${name}.fixed`;
};

function readFile(path: string, name: string): FixtureFile {
  return { name, path, uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') };
}

/**
 * Reads a rule's fixture folder. Names that fit no pattern are returned as
 * problems: a misspelt `bda-x.yaml` must not be silently skipped.
 */
export function loadFixtures(ruleId: string): { fixtures: Fixture[]; problems: string[] } {
  const dir = fixtureDirOf(ruleId);
  const fixtures: Fixture[] = [];
  const problems: string[] = [];
  if (!existsSync(dir)) return { fixtures, problems: [`${relative(REPO_ROOT, dir)}: no fixture folder`] };
  const entries = readdirSync(dir).sort();
  const fixedNames = new Set<string>();
  for (const entry of entries) {
    const path = join(dir, entry);
    const isDir = statSync(path).isDirectory();
    const match = /^(ok|bad)-[a-z0-9][a-z0-9.-]*$/.exec(entry);
    if (/\.fixed(?:\.[a-z]+)?$/.test(entry)) {
      fixedNames.add(entry);
      continue;
    }
    if (!match || (!isDir && !isFixtureFile(entry))) {
      problems.push(`${relative(REPO_ROOT, path)}: not a fixture name (ok-*.yaml, bad-*.yaml, or an ok-*/ or bad-*/ folder)`);
      continue;
    }
    const fixture: Fixture = { ruleId, kind: match[1] as 'ok' | 'bad', name: entry, path, files: [] };
    if (isDir) {
      for (const inner of walk(path)) {
        const innerPath = join(path, inner);
        if (inner === CONFIG_FILE) fixture.configText = readFileSync(innerPath, 'utf8');
        else if (FOLDER_EXTENSIONS.some((ext) => inner.endsWith(ext))) fixture.files.push(readFile(innerPath, inner));
        else problems.push(`${relative(REPO_ROOT, innerPath)}: a fixture folder holds only ${FOLDER_EXTENSIONS.join(', ')} files and ${CONFIG_FILE}`);
      }
      if (fixture.files.length === 0) problems.push(`${relative(REPO_ROOT, path)}: empty fixture folder`);
    } else fixture.files.push(readFile(path, entry));
    const twin = join(dir, fixedTwinOf(entry));
    if (existsSync(twin)) {
      fixedNames.delete(basename(twin));
      fixture.expectedFixed = new Map();
      if (isDir) {
        for (const inner of walk(twin)) fixture.expectedFixed.set(inner, readFileSync(join(twin, inner), 'utf8'));
      } else fixture.expectedFixed.set(entry, readFileSync(twin, 'utf8'));
    }
    fixtures.push(fixture);
  }
  for (const entry of entries) {
    if (/\.fixed(?:\.[a-z]+)?$/.test(entry) && !fixtures.some((f) => fixedTwinOf(f.name) === entry)) {
      problems.push(`${relative(REPO_ROOT, join(dir, entry))}: expected fix output without a matching bad-* fixture`);
    }
  }
  return { fixtures, problems };
}

/** Files under a folder, as sorted paths relative to it with "/" separators. */
function walk(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...walk(join(dir, entry.name), `${prefix}${entry.name}/`));
    else out.push(`${prefix}${entry.name}`);
  }
  return out.sort();
}

export interface LintResult {
  linter: Linter;
  /** Findings per file name, suppressions applied. */
  findings: Map<string, Finding[]>;
}

/** Lints a set of files in a fresh Linter, as a workspace holding exactly these files. */
export function lintFiles(files: { name: string; uri: string; text: string }[], settings: EngineSettings = DEFAULT_SETTINGS, rules: readonly Rule[] = ALL_RULES): LintResult {
  const linter = new Linter(rules, settings);
  for (const file of files) linter.setFile(file.uri, file.text, 'disk');
  while (linter.pending) linter.run();
  const findings = new Map<string, Finding[]>();
  for (const file of files) findings.set(file.name, linter.findingsFor(file.uri));
  return { linter, findings };
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** Maximum matching of expectations to findings (Kuhn's algorithm; the sets are tiny). */
function match(expected: Expectation[], actual: Finding[]): { missing: Expectation[]; extra: Finding[] } {
  const fits = (e: Expectation, f: Finding) =>
    e.ruleId === f.ruleId && e.severity === f.severity && sameRange(e.range, targetRange(f.at)) && f.message.includes(e.message);
  const owner = new Array<number>(actual.length).fill(-1);
  const tryAssign = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < actual.length; j++) {
      if (seen[j] || !fits(expected[i], actual[j])) continue;
      seen[j] = true;
      if (owner[j] === -1 || tryAssign(owner[j], seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  const missing = expected.filter((_, i) => !tryAssign(i, new Array<boolean>(actual.length).fill(false)));
  return { missing, extra: actual.filter((_, j) => owner[j] === -1) };
}

const describeRange = (r: Range) => `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;

/** The file with the actual findings inserted as annotation lines, for a failure message. */
export function annotate(text: string, findings: Finding[]): string {
  const stripped = stripAnnotations(text);
  const strippedLines = stripped.split('\n');
  // Findings are positioned in `text`; map each of its non-annotation lines to its line in `stripped`.
  const original = text.split('\n');
  const toStripped = new Map<number, number>();
  let k = 0;
  original.forEach((line, i) => {
    if (k < strippedLines.length && line === strippedLines[k]) toStripped.set(i, k++);
  });
  const below = new Map<number, string[]>();
  const top: string[] = [];
  for (const f of findings) {
    const range = targetRange(f.at);
    const line = renderAnnotation(range, f.severity, f.ruleId, f.message);
    const at = toStripped.get(range.start.line);
    if (line.startsWith('# @') || at === undefined) top.push(line);
    else below.set(at, [...(below.get(at) ?? []), line]);
  }
  const out = [...top];
  strippedLines.forEach((line, i) => out.push(line, ...(below.get(i) ?? [])));
  return out.join('\n');
}

function offsetOf(target: Target, texts: Map<string, string>, nameOfUri: Map<string, string>): { name: string; start: number; end: number } | undefined {
  const uri = targetUriOf(target);
  const name = nameOfUri.get(uri);
  if (name === undefined) return undefined;
  if ('doc' in target) return { name, start: target.doc.startOffset + target.span.start, end: target.doc.startOffset + target.span.end };
  const lines = new LineIndex(texts.get(name)!);
  return { name, start: lines.offsetAt(target.range.start), end: lines.offsetAt(target.range.end) };
}

/** Whether annotation lines change what the YAML means: they must be plain comments. */
function annotationsChangeMeaning(text: string): string | undefined {
  const meaning = (t: string) => {
    try {
      return JSON.stringify(parseAllDocuments(t).map((d) => ({ value: 'errors' in d ? d.toJS({ maxAliasCount: 100 }) : null, errors: 'errors' in d ? d.errors.length : 1 })));
    } catch (error) {
      return `unreadable: ${(error as Error).message}`;
    }
  };
  const withAnnotations = meaning(text);
  const without = meaning(stripAnnotations(text));
  return withAnnotations === without ? undefined : 'the annotation lines change what the YAML means (is one inside a block scalar?)';
}

export interface FixtureReport {
  problems: string[];
  /** Findings of the fixture's rule, over all files. */
  ruleFindings: Finding[];
}

export interface CheckOptions {
  /** The rules to run (default: the registry); the harness's own tests pass made-up ones. */
  rules?: readonly Rule[];
}

export function checkFixture(fixture: Fixture, options: CheckOptions = {}): FixtureReport {
  const problems: string[] = [];
  const rules = options.rules ?? ALL_RULES;
  const rulesById = options.rules ? new Map(rules.map((r) => [r.id, r])) : RULES_BY_ID;
  const rule = rulesById.get(fixture.ruleId);
  if (!rule) return { problems: [`${fixture.ruleId} is not a registered rule`], ruleFindings: [] };

  let settings = DEFAULT_SETTINGS;
  if (fixture.configText !== undefined) {
    const config = parseConfig(fixture.configText);
    for (const p of config.problems) problems.push(`${CONFIG_FILE}: ${p.message}`);
    settings = mergeSettings(DEFAULT_SETTINGS, config.settings);
  }

  const expectations = new Map<string, Expectation[]>();
  const checkedRules = new Set([fixture.ruleId]);
  const checkAll = new Set<string>();
  for (const file of fixture.files) {
    const parsed = parseAnnotations(file.text);
    for (const error of parsed.errors) problems.push(`${file.name}: ${error}`);
    if (parsed.check === 'all') checkAll.add(file.name);
    else {
      for (const id of parsed.check) {
        if (rulesById.has(id)) checkedRules.add(id);
        else problems.push(`${file.name}: @check names unknown rule ${id}`);
      }
    }
    for (const e of parsed.expectations) {
      if (!rulesById.has(e.ruleId)) problems.push(`${file.name}:${e.annotationLine + 1}: annotation names unknown rule ${e.ruleId}`);
      else checkedRules.add(e.ruleId);
      if (fixture.kind === 'ok' && e.ruleId === fixture.ruleId) {
        problems.push(`${file.name}:${e.annotationLine + 1}: an ok- fixture must not expect findings of ${fixture.ruleId}; make it a bad- fixture`);
      }
    }
    expectations.set(file.name, parsed.expectations);
    if (!isYaml(file.name) || classifyContent(file.text) !== 'yaml') continue;
    const changed = annotationsChangeMeaning(file.text);
    if (changed) problems.push(`${file.name}: ${changed}`);
  }
  if (fixture.kind === 'bad' && ![...expectations.values()].some((list) => list.some((e) => e.ruleId === fixture.ruleId))) {
    problems.push(`a bad- fixture must annotate at least one finding of ${fixture.ruleId}`);
  }

  const { findings } = lintFiles(fixture.files, settings, rules);
  const uris = new Set(fixture.files.map((f) => f.uri));
  const ruleFindings: Finding[] = [];
  for (const file of fixture.files) {
    const all = findings.get(file.name) ?? [];
    for (const f of all) {
      if (f.ruleId === 'obsconf/internal-error') problems.push(`${file.name}: a rule crashed: ${f.message}`);
      for (const related of f.related ?? []) {
        if (!uris.has(targetUriOf(related.at))) problems.push(`${file.name}: ${f.ruleId} has related information outside the fixture (${targetUriOf(related.at)})`);
      }
    }
    const isChecked = (id: string) => checkAll.has(file.name) || checkedRules.has(id);
    const checked = all.filter((f) => isChecked(f.ruleId));
    ruleFindings.push(...checked.filter((f) => f.ruleId === fixture.ruleId));
    const { missing, extra } = match(
      (expectations.get(file.name) ?? []).filter((e) => isChecked(e.ruleId)),
      checked,
    );
    for (const e of missing) {
      problems.push(`${file.name}:${e.annotationLine + 1}: expected ${e.severity} ${e.ruleId} at ${describeRange(e.range)} with "${e.message}", not reported`);
    }
    for (const f of extra) {
      problems.push(`${file.name}: unexpected ${f.severity} ${f.ruleId} at ${describeRange(targetRange(f.at))}: ${f.message}`);
    }
    if (missing.length || extra.length) {
      problems.push(`${file.name} as reported (verify before copying any of it):\n${annotate(file.text, checked)}`);
    }
  }

  for (const f of ruleFindings) {
    if (f.fixes?.length && (rule.fix === undefined || rule.fix === 'none')) problems.push(`${fixture.ruleId} offers fixes but its metadata says fix: ${rule.fix ?? 'none'}`);
    if (!f.fixes?.length && rule.fix === 'always') problems.push(`${fixture.ruleId} says fix: always, but this finding has no fix: ${f.message}`);
  }
  if (fixture.kind === 'bad') problems.push(...checkFixes(fixture, settings, rules));
  return { problems: [...new Set(problems)], ruleFindings };
}

/**
 * Applies the rule's safe fixes, lints again, and repeats until no fix is left
 * (at most MAX_FIX_ROUNDS). Then every file must still parse, every fixed
 * finding must be gone, and the result must equal the expected `.fixed` text.
 */
function checkFixes(fixture: Fixture, settings: EngineSettings, rules: readonly Rule[]): string[] {
  const problems: string[] = [];
  const texts = new Map(fixture.files.map((f) => [f.name, f.text]));
  const nameOfUri = new Map(fixture.files.map((f) => [f.uri, f.name]));
  const fixed: { name: string; message: string }[] = [];
  let applied = 0;
  for (let round = 0; ; round++) {
    const files = fixture.files.map((f) => ({ ...f, text: texts.get(f.name)! }));
    const { findings } = lintFiles(files, settings, rules);
    const edits: { name: string; start: number; end: number; newText: string }[] = [];
    for (const [name, list] of findings) {
      for (const finding of list) {
        if (finding.ruleId !== fixture.ruleId) continue;
        const fix = finding.fixes?.find((candidate) => candidate.safe);
        if (!fix) continue;
        const resolved = fix.edits.map((edit) => ({ ...offsetOf(edit.at, texts, nameOfUri), newText: edit.newText }));
        if (resolved.some((e) => e.name === undefined)) {
          problems.push(`${name}: the fix "${fix.title}" edits a file outside the fixture`);
          continue;
        }
        const overlaps = resolved.some((e) => edits.some((o) => o.name === e.name && e.start! < o.end && o.start < e.end!));
        if (overlaps) continue; // The next round applies it, on the text this round produced.
        edits.push(...(resolved as typeof edits));
        fixed.push({ name, message: finding.message });
      }
    }
    if (edits.length === 0) break;
    if (round === MAX_FIX_ROUNDS) {
      problems.push(`the safe fixes still change the text after ${MAX_FIX_ROUNDS} rounds: they do not converge`);
      return problems;
    }
    for (const [name, text] of texts) {
      let next = text;
      for (const edit of edits.filter((e) => e.name === name).sort((a, b) => b.start - a.start)) {
        next = next.slice(0, edit.start) + edit.newText + next.slice(edit.end);
      }
      texts.set(name, next);
    }
    applied += edits.length;
  }
  if (applied === 0) {
    if (fixture.expectedFixed) problems.push(`${fixedTwinOf(fixture.name)} exists, but no safe fix applies`);
    return problems;
  }

  const final = lintFiles(fixture.files.map((f) => ({ ...f, text: texts.get(f.name)! })), settings, rules);
  for (const file of fixture.files) {
    const indexed = final.linter.index.files.get(file.uri);
    const broken = indexed?.kind !== 'yaml' || indexed.docs.some((d) => d.parsed.errors.length > 0);
    if (isYaml(file.name) && broken) problems.push(`${file.name}: no longer parses after the safe fixes`);
  }
  for (const { name, message } of fixed) {
    if ((final.findings.get(name) ?? []).some((f) => f.ruleId === fixture.ruleId && f.message === message)) {
      problems.push(`${name}: still reported after its fix was applied: ${message}`);
    }
  }
  if (!fixture.expectedFixed) {
    const shown = fixture.files.filter((f) => texts.get(f.name) !== f.text).map((f) => `--- ${f.name}\n${stripAnnotations(texts.get(f.name)!)}`);
    problems.push(`the safe fixes changed the text: add ${fixedTwinOf(fixture.name)} with the expected result (annotation lines removed). The result was:\n${shown.join('\n')}`);
    return problems;
  }
  for (const file of fixture.files) {
    const actual = stripAnnotations(texts.get(file.name)!);
    const expected = fixture.expectedFixed.get(file.name) ?? stripAnnotations(file.text);
    if (actual !== expected) problems.push(`${file.name}: after the safe fixes, the text differs from ${fixedTwinOf(fixture.name)}:\n${lineDiff(expected, actual)}`);
  }
  for (const name of fixture.expectedFixed.keys()) {
    if (!texts.has(name)) problems.push(`${fixedTwinOf(fixture.name)}/${name} has no counterpart in the fixture`);
  }
  return problems;
}

/** The lines that differ, as `-expected`/`+actual` pairs with line numbers. */
function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const out: string[] = [];
  if (a.length !== b.length) out.push(`  expected ${a.length} lines, got ${b.length}`);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) out.push(`  ${i + 1}: -${a[i] ?? '(none)'}\n  ${i + 1}: +${b[i] ?? '(none)'}`);
  }
  return out.join('\n');
}
