import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Pieces are cut at line ends near this size (characters); tests make it small to exercise the seams. */
export const pieceOptions = { size: 16 * 1024 };

const CR = 13;
const LF = 10;
const isEOL = (code: number) => code === CR || code === LF;

interface Piece {
  readonly text: string;
  /** Line breaks in the piece (`\r\n`, `\n` or `\r`; a piece never ends between `\r` and `\n`). */
  readonly breaks: number;
  /** Offsets of the piece's line starts after the first, computed when first needed. */
  starts?: number[];
}

function countBreaks(text: string): number {
  let breaks = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks++;
  // A lone `\r` (not followed by `\n`) is a line break too.
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) breaks++;
  return breaks;
}

function lineStarts(piece: Piece): number[] {
  if (piece.starts) return piece.starts;
  const starts: number[] = [];
  const text = piece.text;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (!isEOL(ch)) continue;
    if (ch === CR && text.charCodeAt(i + 1) === LF) i++;
    starts.push(i + 1);
  }
  return (piece.starts = starts);
}

function makePiece(text: string): Piece {
  return { text, breaks: countBreaks(text) };
}

/** Cuts `text` into pieces of about `pieceOptions.size` that end at a line end (never inside `\r\n`). */
function cut(text: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  const size = pieceOptions.size;
  while (text.length - start > 2 * size) {
    let end = text.indexOf('\n', start + size);
    const cr = text.indexOf('\r', start + size);
    if (cr !== -1 && (end === -1 || cr < end) && text.charCodeAt(cr + 1) !== LF) end = cr;
    if (end === -1) break;
    // A copy, so that a piece never pins the (possibly much larger) string it came from.
    pieces.push(makePiece(detach(text.slice(start, end + 1))));
    start = end + 1;
  }
  if (start < text.length || pieces.length === 0) pieces.push(makePiece(start === 0 ? text : detach(text.slice(start))));
  return pieces;
}

function detach(text: string): string {
  return (' ' + text).slice(1);
}

/**
 * A text document kept as pieces of about 16k characters. An edit replaces
 * the pieces it touches, so a keystroke in a 5 MB file neither copies the
 * whole text nor leaves megabytes of garbage behind (which grew the server's
 * memory by a copy of the file per keystroke until the next full GC). The
 * whole text is joined only when someone asks for it. Positions follow the
 * LSP rules exactly as `vscode-languageserver-textdocument` does (`\r\n`,
 * `\n` and `\r` end a line; offsets never land inside a line break).
 * Instances are immutable: `update` returns a new document.
 */
export class PieceDocument implements TextDocument {
  /** Offset and line number at which each piece starts. */
  private readonly offsets: number[];
  private readonly lines: number[];
  private readonly length: number;
  private text?: string;

  private constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    private readonly pieces: Piece[],
  ) {
    this.offsets = new Array(pieces.length);
    this.lines = new Array(pieces.length);
    let offset = 0;
    let line = 0;
    for (let i = 0; i < pieces.length; i++) {
      this.offsets[i] = offset;
      this.lines[i] = line;
      offset += pieces[i].text.length;
      line += pieces[i].breaks;
    }
    this.length = offset;
    this.lineCount = line + 1;
  }

  readonly lineCount: number;

  static create(uri: string, languageId: string, version: number, content: string): PieceDocument {
    const doc = new PieceDocument(uri, languageId, version, cut(content));
    doc.text = content;
    return doc;
  }

  getText(range?: Range): string {
    if (range) {
      // Like String.prototype.substring, a reversed range gives the text between its ends.
      const a = this.offsetAt(range.start);
      const b = this.offsetAt(range.end);
      return this.slice(Math.min(a, b), Math.max(a, b));
    }
    return (this.text ??= this.pieces.length === 1 ? this.pieces[0].text : this.pieces.map((p) => p.text).join(''));
  }

  private slice(start: number, end: number): string {
    if (this.text !== undefined) return this.text.substring(start, end);
    if (end <= start) return '';
    let out = '';
    for (let i = this.pieceAtOffset(start); i < this.pieces.length && this.offsets[i] < end; i++) {
      const base = this.offsets[i];
      out += this.pieces[i].text.substring(Math.max(0, start - base), end - base);
    }
    return out;
  }

  private charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    const i = this.pieceAtOffset(offset);
    return this.pieces[i].text.charCodeAt(offset - this.offsets[i]);
  }

  /** The piece holding `offset` (the last piece for the end of the text). */
  private pieceAtOffset(offset: number): number {
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.offsets[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The piece holding the start of `line`: every piece but the last ends with a line break, so each starts a line. */
  private pieceAtLine(line: number): number {
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lines[mid] <= line) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Offset of the start of `line` (0 ≤ line < lineCount). */
  private lineOffset(line: number): number {
    const i = this.pieceAtLine(line);
    const within = line - this.lines[i];
    return this.offsets[i] + (within === 0 ? 0 : lineStarts(this.pieces[i])[within - 1]);
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineCount) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = this.lineOffset(position.line);
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < this.lineCount ? this.lineOffset(position.line + 1) : this.length;
    return this.ensureBeforeEOL(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const i = this.pieceAtOffset(offset);
    const starts = lineStarts(this.pieces[i]);
    const local = offset - this.offsets[i];
    // Last line start within the piece that is ≤ local.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid] > local) high = mid;
      else low = mid + 1;
    }
    const line = this.lines[i] + low;
    const lineOffset = this.offsets[i] + (low === 0 ? 0 : starts[low - 1]);
    return { line, character: this.ensureBeforeEOL(offset, lineOffset) - lineOffset };
  }

  getLineRange(line: number): Range {
    if (line >= this.lineCount) {
      const last = this.lineCount - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.length - this.lineOffset(last) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = this.lineOffset(line);
    const next = line + 1 < this.lineCount ? this.lineOffset(line + 1) : this.length;
    return { start: { line, character: 0 }, end: { line, character: this.ensureBeforeEOL(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    if (line >= this.lineCount || line < 0) return '';
    const start = this.lineOffset(line);
    const next = line + 1 < this.lineCount ? this.lineOffset(line + 1) : this.length;
    return this.slice(this.ensureBeforeEOL(next, start), next);
  }

  /** Applies LSP content changes in order; returns the new document (this one is unchanged). */
  update(changes: TextDocumentContentChangeEvent[], version: number): PieceDocument {
    let doc: PieceDocument = this;
    for (const change of changes) {
      if (!('range' in change)) {
        doc = PieceDocument.create(doc.uri, doc.languageId, version, change.text);
        continue;
      }
      const a = doc.offsetAt(change.range.start);
      const b = doc.offsetAt(change.range.end);
      doc = doc.replace(Math.min(a, b), Math.max(a, b), change.text, version);
    }
    return doc.version === version ? doc : new PieceDocument(doc.uri, doc.languageId, version, doc.pieces);
  }

  /** The document with `start`..`end` replaced by `text`. */
  private replace(start: number, end: number, text: string, version: number): PieceDocument {
    // The pieces around the edit, and one more on each side: a `\r` at the end of one
    // and a `\n` at the start of the next must end up in the same piece.
    const first = Math.max(0, this.pieceAtOffset(start) - 1);
    const last = Math.min(this.pieces.length - 1, this.pieceAtOffset(end) + 1);
    const base = this.offsets[first];
    let merged = '';
    for (let i = first; i <= last; i++) merged += this.pieces[i].text;
    merged = merged.slice(0, start - base) + text + merged.slice(end - base);
    const replaced = merged.length === 0 ? [] : cut(merged);
    const pieces = [...this.pieces.slice(0, first), ...replaced, ...this.pieces.slice(last + 1)];
    if (pieces.length === 0) pieces.push(makePiece(''));
    return new PieceDocument(this.uri, this.languageId, version, pieces);
  }
}
