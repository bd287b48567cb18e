import { Document } from 'yaml';
import { checkUniqueKeys, guardParsedDocument, withoutStackTraces } from './guards';
import { LineIndex, Range } from './lineIndex';
import { parseYamlDocument } from './parseYaml';
import { templatesOnlyInStrings } from '../alertmanager/templateText';

/** Files above this size are skipped with a note instead of being parsed. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

export type FileContentKind = 'yaml' | 'python' | 'text' | 'template' | 'binary' | 'too-large';

/** Python sources are indexed as text; their rules parse them on their own. */
export function isPythonPath(uriOrPath: string): boolean {
  return uriOrPath.endsWith('.py');
}

/** Dockerfiles and Procfiles are indexed as plain text (their commands start gunicorn); file rules read them. */
export function isPlainTextPath(uriOrPath: string): boolean {
  const base = uriOrPath.slice(uriOrPath.lastIndexOf('/') + 1);
  return /^(?:Dockerfile|Containerfile|Procfile)(?:[.-][\w.-]+)?$/.test(base) || /\.(?:dockerfile|Dockerfile)$/.test(base);
}

let nextDocId = 1;

/**
 * One YAML document of a (possibly multi-document) file. Everything inside is
 * kept relative to the document's own text so that an edit elsewhere in the
 * file only moves `startOffset`/`startLine`, never the parsed tree.
 */
export class YamlDoc {
  readonly id = nextDocId++;
  readonly lines: LineIndex;
  readonly parsed: Document.Parsed;
  /** Filled by the workspace index: what this document declares. */
  objects: unknown[] = [];
  /** False once an edit replaced this document. */
  alive = true;

  constructor(
    readonly file: SourceFileRef,
    readonly text: string,
    public startOffset: number,
    public startLine: number,
    public index: number,
  ) {
    this.lines = new LineIndex(text);
    // Duplicate keys are found by checkUniqueKeys (the library's own check is quadratic per mapping).
    this.parsed = withoutStackTraces(() => {
      const parsed = parseYamlDocument(text);
      checkUniqueKeys(parsed);
      guardParsedDocument(parsed, text);
      return parsed;
    });
  }

  /** An LSP range in the file for offsets relative to this document. */
  range(start: number, end: number): Range {
    const a = this.lines.positionAt(start);
    const b = this.lines.positionAt(end);
    return {
      start: { line: a.line + this.startLine, character: a.character },
      end: { line: b.line + this.startLine, character: b.character },
    };
  }

  /** Whether the document has no content (only comments or blank lines). */
  get isEmpty(): boolean {
    return this.parsed.contents === null && this.parsed.errors.length === 0;
  }
}

export interface SourceFileRef {
  readonly uri: string;
}

interface Chunk {
  start: number;
  end: number;
}

/**
 * Splits a YAML stream at its `---` document markers. A marker at column 0
 * always starts a new document (it even ends a block scalar), so each chunk can
 * be parsed on its own; directives (`%YAML`) just above a marker go with it.
 */
export function splitDocuments(text: string): Chunk[] {
  const isMarkerAt = (at: number) =>
    text.startsWith('---', at) && (at + 3 === text.length || ' \t\r\n'.includes(text[at + 3]));
  const boundaries: number[] = [];
  let from = 0;
  for (;;) {
    const newline = text.indexOf('\n---', from);
    if (newline === -1) break;
    from = newline + 4;
    const marker = newline + 1;
    if (!isMarkerAt(marker)) continue;
    let boundary = marker;
    // Directive lines directly above the marker belong to the document it opens.
    while (boundary > 0) {
      const previousLine = text.lastIndexOf('\n', boundary - 2) + 1;
      if (text[previousLine] === '%' && previousLine < boundary) boundary = previousLine;
      else break;
    }
    boundaries.push(boundary);
  }
  const chunks: Chunk[] = [];
  let start = 0;
  for (const boundary of boundaries) {
    if (boundary > start) chunks.push({ start, end: boundary });
    start = Math.max(start, boundary);
  }
  chunks.push({ start, end: text.length });
  return chunks;
}

/** Above this size, a file with `{{ … }}` is taken for a template without parsing it to look closer. */
const TEMPLATE_PARSE_MAX = 2 * 1024 * 1024;

export function classifyContent(text: string, maxBytes = DEFAULT_MAX_FILE_BYTES, uri = ''): FileContentKind {
  if (text.length > maxBytes) return 'too-large';
  if (looksBinary(text)) return 'binary';
  if (isPythonPath(uri)) return 'python';
  if (isPlainTextPath(uri)) return 'text';
  // Whether `{{ … }}` sit only inside strings is decided by parsing the file: not for a huge one.
  if (hasTemplateDirective(text) && !(text.length <= TEMPLATE_PARSE_MAX && withoutStackTraces(() => templatesOnlyInStrings(text)))) return 'template';
  return 'yaml';
}

/**
 * The kind of a file after `change`, given its kind before and the two
 * characters that border the edit in the previous text: an edit that brings no
 * NUL byte, replacement character or brace cannot have turned YAML into a
 * template or binary, so a large text is not scanned again per keystroke.
 */
export function classifyAfterChange(
  previous: FileContentKind,
  length: number,
  change: TextChange,
  borders: string,
  text: () => string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
  uri = '',
): FileContentKind {
  if (previous !== 'yaml' || length > maxBytes || /[\u0000\uFFFD{}]/.test(change.text + borders)) return classifyContent(text(), maxBytes, uri);
  return previous;
}

function looksBinary(text: string): boolean {
  if (text.indexOf('\u0000') !== -1) return true;
  // Replacement characters from a failed UTF-8 decode: a few are typos, many are binary.
  let replacements = 0;
  let at = text.indexOf('\uFFFD');
  while (at !== -1) {
    if (++replacements > 8) return true;
    at = text.indexOf('\uFFFD', at + 1);
  }
  return false;
}

/** Helm/Go template actions: `{{ … }}`, `{{- … -}}`. */
export function hasTemplateDirective(text: string): boolean {
  const open = text.indexOf('{{');
  return open !== -1 && text.indexOf('}}', open + 2) !== -1;
}

export interface DocumentDelta {
  removed: YamlDoc[];
  added: YamlDoc[];
}

/**
 * One edit of a file's text, in offsets of the text before the edit: `removed`
 * characters at `offset` were replaced by `text`.
 */
export interface TextChange {
  offset: number;
  removed: number;
  text: string;
}

/**
 * The parsed documents of one YAML file. `update` re-parses only the documents
 * whose text changed and shifts the others.
 */
export class YamlDocuments {
  docs: YamlDoc[] = [];

  constructor(private readonly file: SourceFileRef) {}

  /** Length of the text the documents were cut from. */
  get length(): number {
    const last = this.docs[this.docs.length - 1];
    return last ? last.startOffset + last.text.length : 0;
  }

  /** The characters `start`..`end` of the current text, read from the documents. */
  textAt(start: number, end: number): string {
    let out = '';
    for (let i = this.docAt(start); i < this.docs.length && this.docs[i].startOffset < end; i++) {
      const doc = this.docs[i];
      out += doc.text.slice(Math.max(0, start - doc.startOffset), Math.max(0, end - doc.startOffset));
    }
    return out;
  }

  /**
   * Sets the file's new text (or a function that gives it). With `change`
   * (the edit that turned the previous text into the new one), only the
   * documents around the edit are split and compared again, and the new text
   * itself is not read: a keystroke costs the same in a 5 MB file as in a
   * small one. The result is the same as without it.
   */
  update(textOrGetter: string | (() => string), change?: TextChange): DocumentDelta {
    const old = this.docs;
    const full = () => {
      const text = typeof textOrGetter === 'string' ? textOrGetter : textOrGetter();
      return this.splice(text.length, 0, old.length, 0, text, 0);
    };
    if (!change || old.length === 0) return full();
    const oldLength = this.length;
    const shift = change.text.length - change.removed;
    if (change.offset < 0 || change.removed < 0 || change.offset + change.removed > oldLength) return full();
    if (typeof textOrGetter === 'string' && textOrGetter.length !== oldLength + shift) return full();
    // A document marker ("\n---" and a blank) within a few characters of the edit
    // may appear or vanish; one more document on each side keeps the boundaries
    // of the region (and directive lines above a marker) out of the edit's reach.
    const first = Math.max(0, this.docAt(change.offset - 4) - 1);
    const lastIndex = Math.min(old.length - 1, this.docAt(change.offset + change.removed + 4) + 1);
    const regionStart = old[first].startOffset;
    let before = '';
    for (let i = first; i <= lastIndex; i++) before += old[i].text;
    const local = change.offset - regionStart;
    const regionText = before.slice(0, local) + change.text + before.slice(local + change.removed);
    return this.splice(oldLength + shift, first, lastIndex + 1, regionStart, regionText, shift);
  }

  /** The index of the document holding `offset` (clamped to the file). */
  private docAt(offset: number): number {
    let low = 0;
    let high = this.docs.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.docs[mid].startOffset <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /**
   * Replaces the documents `from`..`to` (exclusive) by those of `region`, the
   * new text from offset `regionStart` on, re-parsing only chunks whose text
   * changed; the documents after the region move by `shift` characters.
   */
  private splice(textLength: number, from: number, to: number, regionStart: number, region: string, shift: number): DocumentDelta {
    const old = this.docs;
    let chunks = splitDocuments(region);
    // An empty chunk stands only for an empty file.
    if (textLength > 0) chunks = chunks.filter((c) => c.end > c.start);
    const sameText = (doc: YamlDoc, chunk: Chunk) =>
      doc.text.length === chunk.end - chunk.start && region.startsWith(doc.text, chunk.start);

    let prefix = 0;
    while (from + prefix < to && prefix < chunks.length && sameText(old[from + prefix], chunks[prefix])) prefix++;
    let suffix = 0;
    while (
      suffix < to - from - prefix &&
      suffix < chunks.length - prefix &&
      sameText(old[to - 1 - suffix], chunks[chunks.length - 1 - suffix])
    )
      suffix++;

    const removed = old.slice(from + prefix, to - suffix);
    const next: YamlDoc[] = old.slice(0, from + prefix);
    let line = next.length > 0 ? lastLine(next[next.length - 1]) : 0;
    const added: YamlDoc[] = [];
    // A slice keeps the whole string it was cut from alive. When older documents
    // stay, the new ones get their own copy, or every keystroke would pin
    // another full copy of a large file.
    const reused = old.length - removed.length > 0;
    for (let i = prefix; i < chunks.length - suffix; i++) {
      const chunk = chunks[i];
      const docText = reused ? detach(region.slice(chunk.start, chunk.end)) : region.slice(chunk.start, chunk.end);
      const doc = new YamlDoc(this.file, docText, regionStart + chunk.start, line, next.length);
      added.push(doc);
      next.push(doc);
      line += doc.lines.lineCount - 1;
    }
    for (let i = chunks.length - suffix; i < chunks.length; i++) {
      const doc = old[to - (chunks.length - i)];
      doc.startOffset = regionStart + chunks[i].start;
      doc.startLine = line;
      doc.index = next.length;
      next.push(doc);
      line += doc.lines.lineCount - 1;
    }
    for (let i = to; i < old.length; i++) {
      const doc = old[i];
      doc.startOffset += shift;
      doc.startLine = line;
      doc.index = next.length;
      next.push(doc);
      line += doc.lines.lineCount - 1;
    }
    this.docs = next;
    for (const doc of removed) doc.alive = false;
    return { removed, added };
  }

  clear(): DocumentDelta {
    const removed = this.docs;
    this.docs = [];
    for (const doc of removed) doc.alive = false;
    return { removed, added: [] };
  }
}

/** A copy of `text` that does not share memory with the string it was sliced from. */
function detach(text: string): string {
  // Flattening the concatenation copies the characters; the slice then points into that copy only.
  return (' ' + text).slice(1);
}

function lastLine(doc: YamlDoc): number {
  return doc.startLine + doc.lines.lineCount - 1;
}
