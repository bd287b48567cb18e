/**
 * A lexer for the plain block YAML that manifests are made of, producing the
 * very lexemes `yaml`'s own Lexer produces (the strings its Parser consumes),
 * several times faster: one pass over each line, no generators, no buffering.
 *
 * It covers block mappings and sequences, plain scalars (multi-line too),
 * single-line quoted scalars, single-line flow collections and comments, in
 * LF or CRLF text. Anything else (tabs, anchors, aliases, tags, block
 * scalars, directives, `...`, a byte-order mark, multi-line quoted scalars or
 * flow collections) makes it give up and return undefined; the caller then
 * uses `yaml`'s Lexer. A differential test holds the two to the same output.
 */

/** `yaml`'s marker lexemes: the start of an implicit document, and the lexeme before a plain scalar. */
const DOCUMENT = '\u0002';
const SCALAR = '\u001f';

/** Thrown (and caught below) when the text leaves the covered subset. */
class OutOfSubset {}
const OUT = new OutOfSubset();

const isBlank = (ch: string | undefined): boolean =>
  ch === undefined || ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t';
const isFlowIndicator = (ch: string | undefined): boolean =>
  ch === ',' || ch === '[' || ch === ']' || ch === '{' || ch === '}';

type State = 'line-start' | 'document' | 'flow';

export function lexPlainBlockYaml(text: string): string[] | undefined {
  // Tabs and lone carriage returns have rules of their own; a BOM or a directive opens a stream differently.
  if (text.includes('\t') || text.includes('\uFEFF')) return undefined;
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return undefined;
  try {
    return new Lexing(text).run();
  } catch {
    // Out of the subset, or too deeply nested for the call stack: `yaml`'s own path decides.
    return undefined;
  }
}

class Lexing {
  private readonly out: string[] = [];
  private pos = 0;
  /** Indentation of the current line, counting `- ` indicators at its start. */
  private indentValue = 0;
  /** The indentation a plain scalar's next line needs to continue it. */
  private indentNext = 0;
  private flowLevel = 0;
  /** In a flow collection, whether a `:` right after the last token is a value indicator. */
  private flowKey = false;

  constructor(private readonly text: string) {}

  run(): string[] {
    this.stream();
    let state: State = 'line-start';
    while (this.pos < this.text.length) {
      const before = this.pos;
      const previous: State = state;
      if (state === 'line-start') state = this.lineStart();
      else if (state === 'document') state = this.document();
      else state = this.flow();
      // Every step but the line start consumes text; a step that does not would repeat forever.
      if (this.pos === before && state === previous && previous !== 'line-start') throw OUT;
    }
    return this.out;
  }

  /** Blank and comment lines before the document, then the document marker lexeme. */
  private stream(): void {
    const { text } = this;
    while (this.pos < text.length) {
      let at = this.pos;
      while (text[at] === ' ') at++;
      const ch = text[at];
      const lineEnd = ch === undefined || ch === '#' || ch === '\n' || (ch === '\r' && text[at + 1] === '\n');
      if (!lineEnd) {
        if (ch === '%' && at === this.pos) throw OUT;
        break;
      }
      this.spaces();
      const end = this.lineEnd();
      this.push(end);
      this.newline();
    }
    if (this.pos < text.length) this.out.push(DOCUMENT);
  }

  private lineStart(): State {
    const { text } = this;
    const ch = text[this.pos];
    if ((ch === '-' || ch === '.') && isBlank(text[this.pos + 3])) {
      const marker = text.substr(this.pos, 3);
      if (marker === '...') throw OUT;
      if (marker === '---') {
        this.push(this.pos + 3);
        this.indentValue = 0;
        this.indentNext = 0;
        return 'document';
      }
    }
    this.indentValue = this.spaces();
    if (this.indentNext > this.indentValue && !isBlank(text[this.pos + 1])) this.indentNext = this.indentValue;
    return this.blockStart();
  }

  private blockStart(): State {
    const { text } = this;
    for (;;) {
      const ch = text[this.pos];
      if ((ch === '-' || ch === '?' || ch === ':') && isBlank(text[this.pos + 1])) {
        const n = this.push(this.pos + 1) + this.spaces();
        this.indentNext = this.indentValue + 1;
        this.indentValue += n;
        continue;
      }
      return 'document';
    }
  }

  private document(): State {
    const { text } = this;
    this.spaces();
    this.indicators();
    const ch = text[this.pos];
    switch (ch) {
      case '#':
        this.push(this.lineEnd());
        this.newline();
        return this.lineStart();
      case '\n':
      case '\r':
      case undefined:
        this.newline();
        return this.lineStart();
      case '{':
      case '[':
        this.push(this.pos + 1);
        this.flowKey = false;
        this.flowLevel = 1;
        return 'flow';
      case '}':
      case ']':
        this.push(this.pos + 1);
        return 'document';
      case '"':
      case "'":
        this.quoted();
        return 'document';
      case '*':
      case '&':
      case '!':
      case '|':
      case '>':
        throw OUT;
      default:
        this.plain();
        return 'document';
    }
  }

  /** One flow collection token; the collection must close on the line it opens. */
  private flow(): State {
    const { text } = this;
    this.spaces();
    while (text[this.pos] === ',') {
      this.push(this.pos + 1);
      this.spaces();
      this.flowKey = false;
    }
    this.indicators();
    const ch = text[this.pos];
    switch (ch) {
      case '{':
      case '[':
        this.push(this.pos + 1);
        this.flowKey = false;
        this.flowLevel += 1;
        return 'flow';
      case '}':
      case ']':
        this.push(this.pos + 1);
        this.flowKey = true;
        this.flowLevel -= 1;
        return this.flowLevel ? 'flow' : 'document';
      case '"':
      case "'":
        this.flowKey = true;
        this.quoted();
        return 'flow';
      case ':': {
        const next = text[this.pos + 1];
        if (this.flowKey || isBlank(next) || next === ',') {
          this.flowKey = false;
          this.push(this.pos + 1);
          this.spaces();
          return 'flow';
        }
        this.flowKey = false;
        this.plain();
        return 'flow';
      }
      case undefined:
      case '\n':
      case '\r':
      case '#':
      case '*':
      case '&':
      case '!':
        throw OUT;
      default:
        this.flowKey = false;
        this.plain();
        return 'flow';
    }
  }

  /** `-`, `?` and `:` indicators followed by a blank (or, in a flow, a flow indicator). */
  private indicators(): void {
    const { text } = this;
    for (;;) {
      const ch = text[this.pos];
      if (ch === '!' || ch === '&') throw OUT;
      if (ch !== '-' && ch !== '?' && ch !== ':') return;
      const inFlow = this.flowLevel > 0;
      const next = text[this.pos + 1];
      if (!(isBlank(next) || (inFlow && isFlowIndicator(next)))) return;
      if (!inFlow) this.indentNext = this.indentValue + 1;
      else if (this.flowKey) this.flowKey = false;
      this.push(this.pos + 1);
      this.spaces();
    }
  }

  private quoted(): void {
    const { text } = this;
    const quote = text[this.pos];
    let end = text.indexOf(quote, this.pos + 1);
    if (quote === "'") {
      while (end !== -1 && text[end + 1] === "'") end = text.indexOf("'", end + 2);
    } else {
      while (end !== -1) {
        let backslashes = 0;
        while (text[end - 1 - backslashes] === '\\') backslashes++;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
    }
    // Unterminated, or running over lines: `yaml`'s own rules for those are subtler.
    if (end === -1) throw OUT;
    const newline = text.indexOf('\n', this.pos);
    if (newline !== -1 && newline < end) throw OUT;
    this.push(end + 1);
  }

  private plain(): void {
    const { text } = this;
    const inFlow = this.flowLevel > 0;
    let end = this.pos - 1;
    let i = this.pos - 1;
    let ch: string | undefined;
    while ((ch = text[++i]) !== undefined) {
      if (ch === ':') {
        const next = text[i + 1];
        if (isBlank(next) || (inFlow && isFlowIndicator(next))) break;
        end = i;
      } else if (isBlank(ch)) {
        let next = text[i + 1];
        if (ch === '\r') {
          // Lone carriage returns were ruled out up front.
          i += 1;
          ch = '\n';
          next = text[i + 1];
        }
        if (next === '#' || (inFlow && isFlowIndicator(next))) break;
        if (ch === '\n') {
          if (inFlow) throw OUT;
          const resume = this.continuation(i + 1);
          if (resume === -1) break;
          i = Math.max(i, resume - 2);
        }
      } else {
        if (inFlow && isFlowIndicator(ch)) break;
        end = i;
      }
    }
    this.out.push(SCALAR);
    this.out.push(text.slice(this.pos, end + 1));
    this.pos = end + 1;
  }

  /** Where a plain scalar goes on after the line break before `offset`, or -1 where it ends. */
  private continuation(offset: number): number {
    const { text } = this;
    let ch = text[offset];
    if (this.indentNext > 0) {
      let indent = 0;
      while (ch === ' ') ch = text[++indent + offset];
      if (ch === '\r' && text[indent + offset + 1] === '\n') return offset + indent + 1;
      return ch === '\n' || indent >= this.indentNext ? offset + indent : -1;
    }
    if (ch === '-' || ch === '.') {
      const marker = text.substr(offset, 3);
      if ((marker === '---' || marker === '...') && isBlank(text[offset + 3])) return -1;
    }
    return offset;
  }

  /** The offset where the current line's content ends (before `\r\n` or `\n`). */
  private lineEnd(): number {
    const { text } = this;
    let end = text.indexOf('\n', this.pos);
    if (end === -1) return text.length;
    if (text[end - 1] === '\r') end -= 1;
    return Math.max(end, this.pos);
  }

  private spaces(): number {
    const { text } = this;
    let i = this.pos;
    while (text[i] === ' ') i++;
    return this.push(i);
  }

  private newline(): void {
    const { text } = this;
    if (text[this.pos] === '\n') this.push(this.pos + 1);
    else if (text[this.pos] === '\r' && text[this.pos + 1] === '\n') this.push(this.pos + 2);
  }

  /** Emits the text up to `end` as one lexeme (nothing when empty); returns its length. */
  private push(end: number): number {
    const n = end - this.pos;
    if (n > 0) {
      this.out.push(this.text.slice(this.pos, end));
      this.pos = end;
    }
    return n;
  }
}
