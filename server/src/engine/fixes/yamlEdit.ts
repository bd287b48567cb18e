import { isMap, isScalar, isSeq, Node, Pair, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { findPair, Span } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import type { DocEdit } from './text';

/*
 * Minimal text edits on YAML documents. Everything here works on the
 * original text with the `yaml` library's node ranges: a new sequence item is
 * rendered in the indentation, key order and quoting of its siblings and
 * inserted after one of them; a scalar is replaced inside its own quotes.
 * Nothing is ever re-stringified, so comments and unrelated bytes stay.
 */

export type ScalarValue = string | number | boolean;

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The offset just after the line break that ends the line holding `offset - 1` (where the next line starts). */
function nextLineStart(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const newline = text.indexOf('\n', end);
  return newline === -1 ? text.length : newline + 1;
}

type QuoteStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';

function styleAt(text: string, offset: number): QuoteStyle | 'BLOCK' {
  const c = text[offset];
  if (c === '"') return 'QUOTE_DOUBLE';
  if (c === "'") return 'QUOTE_SINGLE';
  if (c === '|' || c === '>') return 'BLOCK';
  return 'PLAIN';
}

const PLAIN_WORDS = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

/** Whether `text` written plain reads back as exactly `value`. */
function readsBackAs(text: string, value: ScalarValue): boolean {
  // The common case without a parser: names like metrics-3, app.kubernetes.io/name, 15s.
  if (typeof value === 'string' && text === value && /^[A-Za-z][\w./-]*$/.test(text) && !PLAIN_WORDS.test(text)) return true;
  try {
    const doc = parseDocument(`k: ${text}\n`);
    if (doc.errors.length) return false;
    const node = (doc.contents as YAMLMap).items[0]?.value;
    return isScalar(node) && node.value === value;
  } catch {
    return false;
  }
}

/** A scalar in the given style; a plain string that would read back as something else gets double quotes. */
export function renderScalar(value: ScalarValue, style: QuoteStyle = 'PLAIN'): string {
  if (typeof value !== 'string') return String(value);
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'PLAIN' && value !== '' && readsBackAs(value, value)) return value;
  return JSON.stringify(value);
}

/**
 * Replaces a scalar value in place, keeping its quotes. A number replacing a
 * number stays plain; a string stays a string. Undefined for block scalars.
 */
export function replaceScalar(doc: YamlDoc, span: Span, value: ScalarValue): DocEdit | undefined {
  const style = styleAt(doc.text, span.start);
  if (style === 'BLOCK') return undefined;
  const newText = typeof value === 'number' && style === 'PLAIN' ? String(value) : renderScalar(value, style);
  return { doc, start: span.start, end: span.end, newText };
}

/** How the items of a block sequence are laid out. */
export interface ItemLayout {
  /** Column of the `-`. */
  dashColumn: number;
  /** Column of the item's keys. */
  keyColumn: number;
  /** Whether the first key sits on the dash line (`- name: x`) or below it. */
  keyOnDashLine: boolean;
}

/** The layout of a block sequence item that is a mapping; undefined for flow items. */
export function itemLayout(doc: YamlDoc, item: YAMLMap): ItemLayout | undefined {
  if (item.flow || !item.range) return undefined;
  const text = doc.text;
  const start = item.range[0];
  let at = start - 1;
  while (at >= 0 && (text[at] === ' ' || text[at] === '\t')) at--;
  if (text[at] === '-') return { dashColumn: columnOf(text, at), keyColumn: columnOf(text, start), keyOnDashLine: true };
  if (text[at] === '\n') {
    // `-` alone on a line, keys below it.
    const previousLine = lineStartOf(text, at);
    const dash = text.slice(previousLine, at).search(/-\s*\r?$/);
    if (dash !== -1) return { dashColumn: dash, keyColumn: columnOf(text, start), keyOnDashLine: false };
  }
  return undefined;
}

/**
 * How far this document indents a block sequence below its key (0 for
 * `ports:\n- name`, 2 for `ports:\n  - name`), read from its first such sequence.
 */
export function sequenceIndent(doc: YamlDoc): number {
  const lines = doc.text.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const key = /^(\s*)(?:- )?[^\s#][^:#]*:\s*(?:#.*)?\r?$/.exec(lines[i]);
    const dash = /^(\s*)- /.exec(lines[i + 1]);
    if (!key || !dash) continue;
    const keyColumn = lines[i].search(/[^\s-]/);
    return Math.max(0, dash[1].length - keyColumn);
  }
  return 2;
}

/** A field of a mapping to write: a value, or raw text copied verbatim from a sibling. */
export interface Field {
  key: string;
  value?: ScalarValue;
  raw?: string;
}

function scalarPairs(map: YAMLMap): { key: string; node: Node | null }[] {
  const out: { key: string; node: Node | null }[] = [];
  for (const pair of map.items as Pair[]) {
    if (isScalar(pair.key)) out.push({ key: String(pair.key.value), node: pair.value as Node | null });
  }
  return out;
}

/** The verbatim text of a scalar value of `map` under `key` (for copying `protocol: TCP`, `interval: 15s`). */
export function rawScalar(doc: YamlDoc, map: YAMLMap, key: string): string | undefined {
  const pair = scalarPairs(map).find((p) => p.key === key);
  if (!pair || !isScalar(pair.node) || !pair.node.range) return undefined;
  if (styleAt(doc.text, pair.node.range[0]) === 'BLOCK') return undefined;
  return doc.text.slice(pair.node.range[0], pair.node.range[1]);
}

/**
 * Renders one sequence item (lines ending in the document's line break),
 * with keys in the template sibling's order and its quoting per key.
 */
export function renderItem(doc: YamlDoc, fields: Field[], layout: ItemLayout, template?: YAMLMap): string {
  const eol = eolOf(doc.text);
  const order = template ? scalarPairs(template).map((p) => p.key) : [];
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i === -1 ? order.length : i;
  };
  const sorted = fields.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f.key) - rank(b.f.key) || a.i - b.i).map((x) => x.f);
  const styleOf = (key: string): QuoteStyle => {
    const node = template ? scalarPairs(template).find((p) => p.key === key)?.node : undefined;
    if (!isScalar(node) || !node.range) return 'PLAIN';
    const style = styleAt(doc.text, node.range[0]);
    return style === 'BLOCK' ? 'PLAIN' : style;
  };
  const pad = (n: number) => ' '.repeat(n);
  const lines = sorted.map((f) => `${renderKey(f.key)}: ${f.raw ?? renderScalar(f.value as ScalarValue, styleOf(f.key))}`);
  let out = '';
  if (layout.keyOnDashLine) {
    out += `${pad(layout.dashColumn)}-${pad(Math.max(1, layout.keyColumn - layout.dashColumn - 1))}${lines[0]}${eol}`;
    for (const line of lines.slice(1)) out += `${pad(layout.keyColumn)}${line}${eol}`;
  } else {
    out += `${pad(layout.dashColumn)}-${eol}`;
    for (const line of lines) out += `${pad(layout.keyColumn)}${line}${eol}`;
  }
  return out;
}

function renderKey(key: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(key) ? key : JSON.stringify(key);
}

/** Where the text after an item starts: new items go there, removal ends there. */
export function afterItem(doc: YamlDoc, item: Node): number {
  const end = item.range?.[1] ?? 0;
  return nextLineStart(doc.text, end);
}

/** Where an item's first line starts (the line of its `-`). */
export function itemLineStart(doc: YamlDoc, item: YAMLMap): number {
  const layout = itemLayout(doc, item);
  const start = item.range?.[0] ?? 0;
  if (layout && !layout.keyOnDashLine) return lineStartOf(doc.text, lineStartOf(doc.text, start) - 1);
  return lineStartOf(doc.text, start);
}

/** Deletes a whole sequence item, its lines included. */
export function removeItem(doc: YamlDoc, item: YAMLMap): DocEdit | undefined {
  if (item.flow || !item.range) return undefined;
  return { doc, start: itemLineStart(doc, item), end: afterItem(doc, item), newText: '' };
}

/** Column of a block mapping's keys. */
export function mapKeyColumn(doc: YamlDoc, map: YAMLMap): number | undefined {
  const first = map.items[0]?.key as Node | undefined;
  return first?.range ? columnOf(doc.text, first.range[0]) : undefined;
}

/**
 * A sequence to add items to: the items already there, or where to put the
 * first one when the key is missing, empty or `[]`.
 */
export interface SequenceHost {
  doc: YamlDoc;
  /** The mapping holding the sequence key. */
  parent: YAMLMap;
  key: string;
}

/** The block sequence under the host key, if it has block items; `null` for a flow sequence with items (not editable). */
export function hostSequence(host: SequenceHost): YAMLSeq | undefined | null {
  const value = findPair(host.parent, host.key)?.value;
  if (!isSeq(value)) return undefined;
  if (value.flow) return value.items.length ? null : undefined;
  return value;
}

/** Layout for the first item of a sequence that has none yet. */
function firstItemLayout(host: SequenceHost): ItemLayout | undefined {
  const keyColumn = mapKeyColumn(host.doc, host.parent);
  if (keyColumn === undefined) return undefined;
  const dashColumn = keyColumn + sequenceIndent(host.doc);
  return { dashColumn, keyColumn: dashColumn + 2, keyOnDashLine: true };
}

/**
 * Inserts rendered items (whole lines) into a sequence that has no block
 * items: replaces `[]`, fills `key:` with no value, or adds the key at the end
 * of the parent mapping. Returns undefined when the shape is not editable.
 */
export function insertIntoEmpty(host: SequenceHost, render: (layout: ItemLayout) => string): DocEdit | undefined {
  const { doc, parent, key } = host;
  const layout = firstItemLayout(host);
  if (!layout || parent.flow) return undefined;
  const eol = eolOf(doc.text);
  const items = render(layout);
  const pair = findPair(parent, key);
  if (pair) {
    const keyNode = pair.key as Node;
    const value = pair.value as Node | null;
    if (!keyNode.range) return undefined;
    const colon = doc.text.indexOf(':', keyNode.range[1]);
    if (colon === -1) return undefined;
    if (isSeq(value) && value.flow && value.items.length === 0 && value.range) {
      return { doc, start: colon + 1, end: value.range[1], newText: eol + items.slice(0, items.length - eol.length) };
    }
    if (value === null || (isScalar(value) && value.value === null)) {
      const at = nextLineStart(doc.text, colon + 1);
      return { doc, start: at, end: at, newText: (at === doc.text.length && !doc.text.endsWith('\n') ? eol : '') + items };
    }
    return undefined;
  }
  const at = afterItem(doc, parent);
  const keyLine = `${' '.repeat(layout.dashColumn - sequenceIndent(doc))}${renderKey(key)}:${eol}`;
  return { doc, start: at, end: at, newText: (at === doc.text.length && !doc.text.endsWith('\n') ? eol : '') + keyLine + items };
}

/** The block mapping items of a sequence. */
export function mapItems(seq: YAMLSeq | undefined | null): YAMLMap[] {
  return (seq?.items ?? []).filter((item): item is YAMLMap => isMap(item));
}
