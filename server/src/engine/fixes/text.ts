import type { YamlDoc } from '../documents/yamlFile';
import type { FixInput, Target } from '../rules/types';

/** A replacement of `[start, end)` of a document's own text (document-local offsets). */
export interface DocEdit {
  doc: YamlDoc;
  start: number;
  end: number;
  newText: string;
}

/** A replacement of `[start, end)` of a plain string. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export function toTarget(edit: DocEdit): Target {
  return { doc: edit.doc, span: { start: edit.start, end: edit.end } };
}

/** Turns document edits into a fix; undefined when there is nothing to change. */
export function makeFix(title: string, safe: boolean, edits: DocEdit[]): FixInput | undefined {
  const real = edits.filter((e) => e.doc.text.slice(e.start, e.end) !== e.newText);
  if (real.length === 0) return undefined;
  return { title, safe, edits: real.map((edit) => ({ at: toTarget(edit), newText: edit.newText })) };
}

/** Fixes list for a finding: drops the undefined ones (a rule reports `fixes: fixesOf(...)`). */
export function fixesOf(...fixes: (FixInput | undefined)[]): FixInput[] | undefined {
  const out = fixes.filter((f): f is FixInput => f !== undefined);
  return out.length ? out : undefined;
}

/**
 * Applies non-overlapping edits to a text. Edits are sorted by position;
 * insertions at the same offset keep their given order. Throws on overlap so
 * that a bad combination is never silently written.
 */
export function applyEdits(text: string, edits: OffsetEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    if (e.start < at || e.end < e.start || e.end > text.length) throw new Error(`overlapping or invalid edit at ${e.start}-${e.end}`);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Whether two edits touch the same text (two insertions at one offset count as touching). */
export function editsOverlap(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end || (a.start === a.end && a.start > b.start && a.start < b.end) || (b.start === b.end && b.start > a.start && b.start < a.end);
}

/**
 * The line-level difference between two texts as minimal edits against the
 * old one: unchanged lines are never part of an edit.
 */
export function diffEdits(oldText: string, newText: string): OffsetEdit[] {
  if (oldText === newText) return [];
  const a = splitLines(oldText);
  const b = splitLines(newText);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const offsets = lineOffsets(a);
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const hunks: { aStart: number; aEnd: number; bStart: number; bEnd: number }[] = [];
  if (midA.length * midB.length > 4_000_000) {
    hunks.push({ aStart: 0, aEnd: midA.length, bStart: 0, bEnd: midB.length });
  } else {
    // Longest common subsequence of lines, then the runs between matches are the hunks.
    const n = midA.length;
    const m = midB.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
    let i = 0;
    let j = 0;
    let hunk: { aStart: number; aEnd: number; bStart: number; bEnd: number } | undefined;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        if (hunk) hunks.push(hunk);
        hunk = undefined;
        i++;
        j++;
        continue;
      }
      if (!hunk) hunk = { aStart: i, aEnd: i, bStart: j, bEnd: j };
      if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) hunk.bEnd = ++j;
      else hunk.aEnd = ++i;
    }
    if (hunk) hunks.push(hunk);
  }
  return hunks.map((h) => ({
    start: offsets[prefix + h.aStart],
    end: offsets[prefix + h.aEnd],
    newText: midB.slice(h.bStart, h.bEnd).join(''),
  }));
}

/** Lines with their line endings kept, so that joining them gives the text back. */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function lineOffsets(lines: string[]): number[] {
  const out = [0];
  for (const line of lines) out.push(out[out.length - 1] + line.length);
  return out;
}
