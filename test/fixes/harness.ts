/**
 * Helpers for the fix tests: lint a set of in-memory files, apply one fix's
 * edits, and check what a fix may do to a file (parse, touch only its lines).
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { LineIndex } from '../../server/src/engine/documents/lineIndex';
import { sortFindings } from '../../server/src/engine/diagnostics';
import { applyEdits, diffEdits, OffsetEdit } from '../../server/src/engine/fixes/text';
import { Linter } from '../../server/src/engine/linter';
import type { Finding, FixInput } from '../../server/src/engine/rules/types';

export type Files = Map<string, string>;

export const FIXTURES = path.join(__dirname, 'fixtures');

export function uriOf(name: string): string {
  return `file:///ws/${name}`;
}

/** The files of a fixture folder, keyed by `file:///ws/<name>`. */
export function loadFixture(folder: string): Files {
  const files: Files = new Map();
  const dir = path.join(FIXTURES, folder);
  for (const name of readdirSync(dir).sort()) files.set(uriOf(name), readFileSync(path.join(dir, name), 'utf8'));
  return files;
}

export function lint(files: Files): { linter: Linter; findings: Finding[] } {
  const linter = new Linter();
  for (const [uri, text] of files) linter.setFile(uri, text, 'disk');
  linter.run();
  const findings = [...files.keys()].flatMap((uri) => sortFindings(linter.findingsFor(uri)));
  return { linter, findings };
}

/** A one-line description for assertion messages. */
export function describe(findings: Finding[]): string {
  return findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n');
}

/** The file-level offset edits of a fix, by URI. */
export function fixEdits(files: Files, fix: FixInput): Map<string, OffsetEdit[]> {
  const out = new Map<string, OffsetEdit[]>();
  for (const edit of fix.edits) {
    let uri: string;
    let start: number;
    let end: number;
    if ('doc' in edit.at) {
      uri = edit.at.doc.file.uri;
      start = edit.at.doc.startOffset + edit.at.span.start;
      end = edit.at.doc.startOffset + edit.at.span.end;
    } else {
      uri = edit.at.uri;
      const index = new LineIndex(files.get(uri) ?? '');
      start = index.offsetAt(edit.at.range.start);
      end = index.offsetAt(edit.at.range.end);
    }
    if (!out.has(uri)) out.set(uri, []);
    out.get(uri)!.push({ start, end, newText: edit.newText });
  }
  return out;
}

export function applyFix(files: Files, fix: FixInput): Files {
  const next = new Map(files);
  for (const [uri, edits] of fixEdits(files, fix)) next.set(uri, applyEdits(files.get(uri) ?? '', edits));
  return next;
}

/** Every document of the file parses without errors. */
export function assertParses(text: string, label: string): void {
  for (const doc of parseAllDocuments(text) as ReturnType<typeof parseAllDocuments> & unknown[]) {
    const errors = 'errors' in doc ? doc.errors : [];
    assert.equal(errors.length, 0, `${label} no longer parses: ${errors.map((e) => e.message).join('; ')}`);
  }
}

/**
 * The lines a change touched, as 0-based line numbers of the old text: a fix
 * must only touch the lines its edits cover (plus lines it inserts).
 */
export function touchedLines(before: string, after: string): number[] {
  const index = new LineIndex(before);
  const lines = new Set<number>();
  for (const hunk of diffEdits(before, after)) {
    const first = index.positionAt(hunk.start).line;
    const last = hunk.end > hunk.start ? index.positionAt(hunk.end - 1).line : first;
    for (let l = first; l <= last; l++) lines.add(l);
    if (hunk.end === hunk.start) {
      // A pure insertion next to identical lines can be aligned either way by a diff: allow its own extent around it.
      const inserted = hunk.newText.split('\n').length - 1;
      for (let l = Math.max(0, first - inserted); l <= first + inserted; l++) lines.add(l);
    }
  }
  return [...lines].sort((a, b) => a - b);
}

/** Replaces exactly one occurrence of `from` in one file (a deliberate break of a fixture). */
export function mutate(files: Files, name: string, from: string, to: string): Files {
  const uri = uriOf(name);
  const text = files.get(uri);
  assert.ok(text !== undefined, `no fixture file ${name}`);
  assert.equal(text.split(from).length, 2, `"${from}" must occur exactly once in ${name}`);
  return new Map(files).set(uri, text.replace(from, to));
}
