import { isScalar, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Span } from '../documents/yamlAccess';
import { findPair, spanOf } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import type { CommandLine } from './commandLine';

/** A text edit inside one document: replace `span` (doc-local offsets) by `newText`. */
export interface DocEdit {
  span: Span;
  newText: string;
}

function lineEndAt(text: string, offset: number): { at: number; newline: string } {
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end > 0 && text[end - 1] === '\r') return { at: end - 1, newline: '\r\n' };
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return { at: end, newline };
}

function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function quoteLike(scalar: Scalar | undefined, word: string): string {
  if (scalar?.type === 'QUOTE_SINGLE') return `'${word.replace(/'/g, "''")}'`;
  if (scalar?.type === 'QUOTE_DOUBLE') return JSON.stringify(word);
  return word;
}

/**
 * The edit that appends `word` to a command line, written like its neighbours
 * (same indentation, same quoting) and leaving comments where they are.
 * Undefined when the line is written in a form that cannot be extended safely.
 */
export function appendWordEdit(doc: YamlDoc, line: CommandLine, word: string): DocEdit | undefined {
  const text = doc.text;
  if (line.form === 'seq' && line.node instanceof YAMLSeq) {
    const seq = line.node;
    const seqSpan = spanOf(seq);
    if (!seqSpan) return undefined;
    const last = seq.items[seq.items.length - 1];
    const lastScalar = isScalar(last) ? last : undefined;
    const lastSpan = spanOf(last as never);
    if (seq.flow) {
      if (!lastSpan) {
        const open = text.indexOf('[', seqSpan.start);
        if (open === -1) return undefined;
        return { span: { start: open + 1, end: open + 1 }, newText: quoteLike(undefined, word) };
      }
      return { span: { start: lastSpan.end, end: lastSpan.end }, newText: `, ${quoteLike(lastScalar, word)}` };
    }
    if (!lastSpan) return undefined;
    const itemStart = lastSpan.start;
    const prefix = text.slice(lineStartAt(text, itemStart), itemStart);
    if (!/^\s*-\s+$/.test(prefix)) return undefined;
    const { at, newline } = lineEndAt(text, lastSpan.end);
    return { span: { start: at, end: at }, newText: `${newline}${prefix}${quoteLike(lastScalar, word)}` };
  }
  if (line.form === 'string' && line.node instanceof Scalar) {
    const scalar = line.node;
    const span = spanOf(scalar);
    if (!span) return undefined;
    if (scalar.type === 'PLAIN') return { span: { start: span.end, end: span.end }, newText: ` ${word}` };
    if (scalar.type === 'QUOTE_SINGLE' || scalar.type === 'QUOTE_DOUBLE') {
      const close = text.lastIndexOf(text[span.start], span.end - 1);
      if (close <= span.start) return undefined;
      return { span: { start: close, end: close }, newText: ` ${word}` };
    }
  }
  return undefined;
}

/** The edit that removes one word (a list item or a word of a string) from a command line. */
export function removeWordEdit(doc: YamlDoc, line: CommandLine, index: number): DocEdit | undefined {
  const text = doc.text;
  const arg = line.args[index];
  if (!arg) return undefined;
  if (line.form === 'seq' && line.node instanceof YAMLSeq) {
    const seq = line.node;
    if (seq.flow) {
      const items = seq.items.map((item) => spanOf(item as never));
      const position = items.findIndex((s) => s && s.start === arg.scalarSpan.start);
      if (position === -1) return undefined;
      const current = items[position]!;
      if (position > 0 && items[position - 1]) return { span: { start: items[position - 1]!.end, end: current.end }, newText: '' };
      if (position + 1 < items.length && items[position + 1]) return { span: { start: current.start, end: items[position + 1]!.start }, newText: '' };
      return { span: current, newText: '' };
    }
    if (seq.items.length <= 1) return undefined;
    const start = lineStartAt(text, arg.scalarSpan.start);
    if (!/^\s*-\s+$/.test(text.slice(start, arg.scalarSpan.start))) return undefined;
    let end = text.indexOf('\n', arg.scalarSpan.end);
    end = end === -1 ? text.length : end + 1;
    return { span: { start, end }, newText: '' };
  }
  if (line.form === 'string' && arg.span !== arg.scalarSpan) {
    let { start, end } = arg.span;
    if (text[end] === ' ') end++;
    else if (text[start - 1] === ' ') start--;
    return { span: { start, end }, newText: '' };
  }
  return undefined;
}

/**
 * The edit that adds `key:` with a list of words to a mapping, right after the
 * pair `afterKey` (or at the end of the mapping), indented like its keys.
 */
export function insertListEdit(doc: YamlDoc, map: YAMLMap, afterKey: string | undefined, key: string, words: string[]): DocEdit | undefined {
  if (map.flow) return undefined;
  const text = doc.text;
  const pairs = map.items;
  const anchorPair = (afterKey && findPair(map, afterKey)) || pairs[pairs.length - 1];
  if (!anchorPair || !isScalar(anchorPair.key)) return undefined;
  const keySpan = spanOf(anchorPair.key);
  const pairSpan = spanOf(anchorPair as never);
  if (!keySpan || !pairSpan) return undefined;
  const indent = text.slice(lineStartAt(text, keySpan.start), keySpan.start);
  const keyIndent = /^\s*$/.test(indent) ? indent : indent.replace(/[^\s]/g, ' ');
  const { at, newline } = lineEndAt(text, Math.max(pairSpan.end - 1, keySpan.end));
  const lines = [`${keyIndent}${key}:`, ...words.map((w) => `${keyIndent}  - ${w}`)];
  return { span: { start: at, end: at }, newText: newline + lines.join(newline) };
}
