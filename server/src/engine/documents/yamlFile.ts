import { Document, parseDocument } from 'yaml';
import { LineIndex, Range } from './lineIndex';

/** Files above this size are skipped with a note instead of being parsed. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

export type FileContentKind = 'yaml' | 'python' | 'template' | 'binary' | 'too-large';

/** Python sources are indexed as text; their rules parse them on their own. */
export function isPythonPath(uriOrPath: string): boolean {
  return uriOrPath.endsWith('.py');
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
    this.parsed = parseDocument(text, {
      uniqueKeys: true,
      prettyErrors: false,
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

export function classifyContent(text: string, maxBytes = DEFAULT_MAX_FILE_BYTES, uri = ''): FileContentKind {
  if (text.length > maxBytes) return 'too-large';
  if (looksBinary(text)) return 'binary';
  if (isPythonPath(uri)) return 'python';
  if (hasTemplateDirective(text)) return 'template';
  return 'yaml';
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
 * The parsed documents of one YAML file. `update` re-parses only the documents
 * whose text changed and shifts the others.
 */
export class YamlDocuments {
  docs: YamlDoc[] = [];

  constructor(private readonly file: SourceFileRef) {}

  update(text: string): DocumentDelta {
    const chunks = splitDocuments(text);
    const old = this.docs;
    const sameText = (doc: YamlDoc, chunk: Chunk) =>
      doc.text.length === chunk.end - chunk.start && text.startsWith(doc.text, chunk.start);

    let prefix = 0;
    while (prefix < old.length && prefix < chunks.length && sameText(old[prefix], chunks[prefix])) prefix++;
    let suffix = 0;
    while (
      suffix < old.length - prefix &&
      suffix < chunks.length - prefix &&
      sameText(old[old.length - 1 - suffix], chunks[chunks.length - 1 - suffix])
    )
      suffix++;

    const removed = old.slice(prefix, old.length - suffix);
    const next: YamlDoc[] = old.slice(0, prefix);
    let line = prefix > 0 ? lastLine(old[prefix - 1]) : 0;
    const added: YamlDoc[] = [];
    for (let i = prefix; i < chunks.length - suffix; i++) {
      const chunk = chunks[i];
      const doc = new YamlDoc(this.file, text.slice(chunk.start, chunk.end), chunk.start, line, i);
      added.push(doc);
      next.push(doc);
      line += doc.lines.lineCount - 1;
    }
    for (let i = chunks.length - suffix; i < chunks.length; i++) {
      const doc = old[old.length - (chunks.length - i)];
      doc.startOffset = chunks[i].start;
      doc.startLine = line;
      doc.index = i;
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

function lastLine(doc: YamlDoc): number {
  return doc.startLine + doc.lines.lineCount - 1;
}
