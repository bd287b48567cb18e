import { LineIndex } from '../documents/lineIndex';
import { sortFindings } from '../diagnostics';
import { Linter } from '../linter';
import { ALL_RULES } from '../rules/index';
import type { Finding, FixInput, Rule } from '../rules/types';
import { DEFAULT_SETTINGS, EngineSettings } from '../settings';
import { applyEdits, editsOverlap, OffsetEdit } from './text';

export interface FixAllOptions {
  settings?: EngineSettings;
  rules?: readonly Rule[];
  /** Only fixes of findings located in these files (fix-all of one document); default: every file. */
  scope?: ReadonlySet<string>;
  /** Also apply unsafe fixes (never in "fix all" or --fix). */
  includeUnsafe?: boolean;
  /** Only fixes of the findings this accepts. */
  accept?: (finding: Finding) => boolean;
  maxRounds?: number;
}

export interface AppliedFix {
  ruleId: string;
  title: string;
  uris: string[];
}

export interface FixAllResult {
  /** Files whose text changed: their text before and after. */
  changed: Map<string, { before: string; after: string }>;
  applied: AppliedFix[];
  rounds: number;
  /** False when fixes were still offered after the last round. */
  converged: boolean;
}

interface Candidate {
  finding: Finding;
  fix: FixInput;
  edits: (OffsetEdit & { uri: string; docKey: string })[];
  rank: number;
}

/**
 * Applies fixes until none is left, in a scratch copy of the workspace:
 * every round lints, takes the fixes that do not touch each other, applies
 * them and lints again. In one round a document takes the fixes of only one
 * rule, and value corrections go before insertions and removals, so that two
 * rules never both repair one problem (a renamed endpoint and a new one).
 * A fix that would break a file's YAML is dropped.
 */
export function fixAll(files: Iterable<{ uri: string; text: string }>, options: FixAllOptions = {}): FixAllResult {
  const linter = new Linter(options.rules ?? ALL_RULES, options.settings ?? DEFAULT_SETTINGS);
  const original = new Map<string, string>();
  for (const file of files) {
    original.set(file.uri, file.text);
    linter.setFile(file.uri, file.text, 'disk');
  }
  const current = new Map(original);
  const applied: AppliedFix[] = [];
  const rejected = new Set<string>();
  const seenStates = new Set<string>();
  const maxRounds = options.maxRounds ?? 50;
  let rounds = 0;
  let converged = false;
  while (rounds < maxRounds) {
    linter.run();
    const candidates = collect(linter, current, options, rejected);
    if (candidates.length === 0) {
      converged = true;
      break;
    }
    rounds++;
    const chosen = choose(candidates);
    const byUri = new Map<string, OffsetEdit[]>();
    for (const candidate of chosen) {
      for (const edit of candidate.edits) {
        let list = byUri.get(edit.uri);
        if (!list) byUri.set(edit.uri, (list = []));
        list.push(edit);
      }
    }
    let progressed = false;
    for (const [uri, edits] of byUri) {
      const before = current.get(uri) ?? '';
      let after: string;
      try {
        after = applyEdits(before, edits);
      } catch {
        for (const candidate of chosen) if (candidate.edits.some((e) => e.uri === uri)) rejected.add(keyOf(candidate));
        continue;
      }
      if (yamlErrors(linter, uri) < yamlErrorsOf(after, uri)) {
        for (const candidate of chosen) if (candidate.edits.some((e) => e.uri === uri)) rejected.add(keyOf(candidate));
        continue;
      }
      current.set(uri, after);
      linter.setFile(uri, after, 'disk');
      progressed = true;
    }
    for (const candidate of chosen) {
      if (candidate.edits.every((e) => current.get(e.uri) !== undefined) && !rejected.has(keyOf(candidate))) {
        applied.push({ ruleId: candidate.finding.ruleId, title: candidate.fix.title, uris: [...new Set(candidate.edits.map((e) => e.uri))] });
      }
    }
    const state = [...current.values()].join('\u0000');
    if (!progressed || seenStates.has(state)) break;
    seenStates.add(state);
  }
  const changed = new Map<string, { before: string; after: string }>();
  for (const [uri, after] of current) {
    const before = original.get(uri) ?? '';
    if (before !== after) changed.set(uri, { before, after });
  }
  return { changed, applied, rounds, converged };
}

function keyOf(candidate: Candidate): string {
  return `${candidate.finding.ruleId}\u0000${candidate.fix.title}\u0000${candidate.edits.map((e) => `${e.uri}:${e.start}`).join(',')}`;
}

function collect(linter: Linter, texts: Map<string, string>, options: FixAllOptions, rejected: Set<string>): Candidate[] {
  const out: Candidate[] = [];
  const lineIndexes = new Map<string, LineIndex>();
  const uris = options.scope ? [...options.scope] : [...texts.keys()];
  for (const uri of uris) {
    for (const finding of sortFindings(linter.findingsFor(uri))) {
      if (options.accept && !options.accept(finding)) continue;
      const fix = finding.fixes?.find((f) => f.safe || options.includeUnsafe);
      if (!fix) continue;
      const edits: Candidate['edits'] = [];
      let usable = true;
      for (const edit of fix.edits) {
        if ('doc' in edit.at) {
          const doc = edit.at.doc;
          // A document with syntax errors is only partly understood: never edit it.
          if (!doc.alive || doc.parsed.errors.length > 0) usable = false;
          const start = doc.startOffset + edit.at.span.start;
          edits.push({ uri: doc.file.uri, docKey: `${doc.file.uri}#${doc.id}`, start, end: doc.startOffset + edit.at.span.end, newText: edit.newText });
        } else {
          const text = texts.get(edit.at.uri);
          if (text === undefined) {
            usable = false;
            continue;
          }
          let index = lineIndexes.get(edit.at.uri);
          if (!index) lineIndexes.set(edit.at.uri, (index = new LineIndex(text)));
          edits.push({
            uri: edit.at.uri,
            docKey: edit.at.uri,
            start: index.offsetAt(edit.at.range.start),
            end: index.offsetAt(edit.at.range.end),
            newText: edit.newText,
          });
        }
      }
      if (!usable || edits.length === 0) continue;
      const candidate: Candidate = { finding, fix, edits, rank: rankOf(edits) };
      if (!rejected.has(keyOf(candidate))) out.push(candidate);
    }
  }
  return out;
}

/** Corrections of values first, then insertions, then removals. */
function rankOf(edits: OffsetEdit[]): number {
  if (edits.every((e) => e.end > e.start && e.newText !== '')) return 0;
  if (edits.some((e) => e.newText === '')) return 2;
  return 1;
}

function choose(candidates: Candidate[]): Candidate[] {
  const sorted = candidates.map((c, i) => ({ c, i })).sort((a, b) => a.c.rank - b.c.rank || a.i - b.i).map((x) => x.c);
  const chosen: Candidate[] = [];
  const taken: Candidate['edits'] = [];
  const ruleOfDoc = new Map<string, string>();
  for (const candidate of sorted) {
    if (candidate.edits.some((e) => (ruleOfDoc.get(e.docKey) ?? candidate.finding.ruleId) !== candidate.finding.ruleId)) continue;
    const duplicate = candidate.edits.every((e) =>
      taken.some((t) => t.uri === e.uri && t.start === e.start && t.end === e.end && t.newText === e.newText),
    );
    if (duplicate) continue;
    if (candidate.edits.some((e) => taken.some((t) => t.uri === e.uri && editsOverlap(t, e)))) continue;
    chosen.push(candidate);
    taken.push(...candidate.edits);
    for (const edit of candidate.edits) ruleOfDoc.set(edit.docKey, candidate.finding.ruleId);
  }
  return chosen;
}

function yamlErrors(linter: Linter, uri: string): number {
  const file = linter.index.files.get(uri);
  return file ? file.docs.reduce((n, doc) => n + doc.parsed.errors.length, 0) : 0;
}

function yamlErrorsOf(text: string, uri: string): number {
  const scratch = new Linter([], DEFAULT_SETTINGS);
  scratch.setFile(uri, text, 'disk');
  return yamlErrors(scratch, uri);
}
