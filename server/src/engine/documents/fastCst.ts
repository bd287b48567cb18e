import type { CST } from 'yaml';

/**
 * Builds the CST that `yaml`'s Parser builds from the fast lexer's lexemes,
 * for the same subset: block mappings and sequences, flow scalars, one-line
 * flow collections, comments. `yaml`'s Parser is a chain of generators that
 * allocates several objects per lexeme; this is a plain loop over the same
 * state (a stack of open nodes, the current indentation, whether a key was
 * seen on this line). Where the text would take one of the Parser's rarer
 * paths (errors, explicit keys, a second document) it gives up and returns
 * undefined; the caller then hands the lexemes to `yaml`'s Parser. A
 * differential test holds both to the same tokens.
 */

type SourceToken = CST.SourceToken;
type TokenType = SourceToken['type'];
type Item = { start: SourceToken[]; key?: CST.Token | null; sep?: SourceToken[]; value?: CST.Token };
type Scalar = { type: 'scalar' | 'single-quoted-scalar' | 'double-quoted-scalar'; offset: number; indent: number; source: string; end?: SourceToken[] };
type BlockMap = { type: 'block-map'; offset: number; indent: number; items: Item[] };
type BlockSeq = { type: 'block-seq'; offset: number; indent: number; items: Item[] };
type FlowCollection = { type: 'flow-collection'; offset: number; indent: number; start: SourceToken; items: Item[]; end: SourceToken[] };
type DocumentToken = { type: 'document'; offset: number; start: SourceToken[]; value?: CST.Token; end?: SourceToken[] };
type Open = Scalar | BlockMap | BlockSeq | FlowCollection | DocumentToken;
type LexemeType = TokenType | Scalar['type'] | 'doc-mode';

const DOCUMENT = '\u0002';
const SCALAR = '\u001f';

class OffPath {}
const OFF_PATH = new OffPath();

function lexemeType(source: string): LexemeType | undefined {
  switch (source) {
    case DOCUMENT:
      return 'doc-mode';
    case '---':
      return 'doc-start';
    case '\n':
    case '\r\n':
      return 'newline';
    case '-':
      return 'seq-item-ind';
    case ':':
      return 'map-value-ind';
    case '{':
      return 'flow-map-start';
    case '}':
      return 'flow-map-end';
    case '[':
      return 'flow-seq-start';
    case ']':
      return 'flow-seq-end';
    case ',':
      return 'comma';
  }
  switch (source[0]) {
    case ' ':
      return 'space';
    case '#':
      return 'comment';
    case "'":
      return 'single-quoted-scalar';
    case '"':
      return 'double-quoted-scalar';
  }
  return undefined;
}

const has = (list: SourceToken[], type: TokenType): boolean => list.some((token) => token.type === type);
const isTrivia = (token: SourceToken): boolean => token.type === 'space' || token.type === 'comment' || token.type === 'newline';
const isFlowToken = (token: CST.Token | null | undefined): boolean =>
  token?.type === 'scalar' || token?.type === 'single-quoted-scalar' || token?.type === 'double-quoted-scalar' || token?.type === 'flow-collection';
const last = <T>(list: T[]): T => list[list.length - 1];

/** The props before a key that move with it when a scalar turns out to be a mapping key. */
function keyStartProps(previous: SourceToken[]): SourceToken[] {
  if (previous.length === 0) return [];
  let i = previous.length;
  while (--i >= 0) {
    const type = previous[i].type;
    if (type === 'doc-start' || type === 'explicit-key-ind' || type === 'map-value-ind' || type === 'seq-item-ind' || type === 'newline') break;
  }
  while (previous[++i]?.type === 'space');
  return previous.splice(i, previous.length);
}

function previousProps(parent: Open): SourceToken[] {
  switch (parent.type) {
    case 'document':
      return parent.start;
    case 'block-map': {
      const item = last(parent.items);
      return item.sep ?? item.start;
    }
    case 'block-seq':
      return last(parent.items).start;
    default:
      return [];
  }
}

/** In a flow sequence, `a: b`-less items are values, not keys. */
function fixFlowSequenceItems(collection: FlowCollection): void {
  if (collection.start.type !== 'flow-seq-start') return;
  for (const item of collection.items) {
    if (item.sep && !item.value && !has(item.start, 'explicit-key-ind') && !has(item.sep, 'map-value-ind')) {
      if (item.key) item.value = item.key;
      delete item.key;
      if (isFlowToken(item.value)) {
        const value = item.value as Scalar;
        if (value.end) value.end.push(...item.sep);
        else value.end = item.sep;
      } else item.start.push(...item.sep);
      delete item.sep;
    }
  }
}

export function buildCst(lexemes: string[]): CST.Token[] | undefined {
  try {
    return new CstBuilder().run(lexemes);
  } catch {
    // Out of the subset, or too deeply nested for the call stack: `yaml`'s own path decides.
    return undefined;
  }
}

class CstBuilder {
  private readonly out: CST.Token[] = [];
  private readonly stack: Open[] = [];
  private atNewLine = true;
  private atScalar = false;
  private indent = 0;
  private offset = 0;
  private onKeyLine = false;
  private source = '';
  private type: LexemeType = 'space';

  run(lexemes: string[]): CST.Token[] {
    for (const lexeme of lexemes) this.next(lexeme);
    while (this.stack.length > 0) this.pop();
    return this.out;
  }

  private next(source: string): void {
    this.source = source;
    if (this.atScalar) {
      this.atScalar = false;
      this.step();
      this.offset += source.length;
      return;
    }
    if (source === SCALAR) {
      this.atNewLine = false;
      this.atScalar = true;
      this.type = 'scalar';
      return;
    }
    const type = lexemeType(source);
    if (!type) throw OFF_PATH;
    this.type = type;
    this.step();
    switch (type) {
      case 'newline':
        this.atNewLine = true;
        this.indent = 0;
        break;
      case 'space':
        if (this.atNewLine) this.indent += source.length;
        break;
      case 'map-value-ind':
      case 'seq-item-ind':
        if (this.atNewLine) this.indent += source.length;
        break;
      case 'doc-mode':
        return;
      default:
        this.atNewLine = false;
    }
    this.offset += source.length;
  }

  private get sourceToken(): SourceToken {
    return { type: this.type as TokenType, offset: this.offset, indent: this.indent, source: this.source };
  }

  private step(): void {
    const top = last(this.stack);
    if (!top) return this.stream();
    switch (top.type) {
      case 'document':
        return this.document(top);
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return this.scalar(top);
      case 'block-map':
        return this.blockMap(top);
      case 'block-seq':
        return this.blockSequence(top);
      case 'flow-collection':
        return this.flowCollection(top);
    }
  }

  private pop(): void {
    const token = this.stack.pop() as Open;
    if (this.stack.length === 0) {
      this.out.push(token as CST.Token);
      return;
    }
    const top = last(this.stack);
    if (token.type === 'flow-collection') {
      if (top.type === 'document') token.indent = 0;
      fixFlowSequenceItems(token);
    }
    switch (top.type) {
      case 'document':
        top.value = token as CST.Token;
        break;
      case 'block-map': {
        const item = last(top.items);
        if (item.value) {
          top.items.push({ start: [], key: token as CST.Token, sep: [] });
          this.onKeyLine = true;
          return;
        } else if (item.sep) {
          item.value = token as CST.Token;
        } else {
          item.key = token as CST.Token;
          item.sep = [];
          this.onKeyLine = true;
          return;
        }
        break;
      }
      case 'block-seq': {
        const item = last(top.items);
        if (item.value) top.items.push({ start: [], value: token as CST.Token });
        else item.value = token as CST.Token;
        break;
      }
      case 'flow-collection': {
        const item = top.items[top.items.length - 1];
        if (!item || item.value) top.items.push({ start: [], key: token as CST.Token, sep: [] });
        else if (item.sep) item.value = token as CST.Token;
        else {
          item.key = token as CST.Token;
          item.sep = [];
        }
        return;
      }
      default:
        throw OFF_PATH;
    }
    if ((top.type === 'document' || top.type === 'block-map' || top.type === 'block-seq') && (token.type === 'block-map' || token.type === 'block-seq')) {
      // Trailing blank lines and less indented comments of a closed collection belong to its parent.
      const lastItem = token.items[token.items.length - 1];
      if (
        lastItem &&
        !lastItem.sep &&
        !lastItem.value &&
        lastItem.start.length > 0 &&
        lastItem.start.every(isTrivia) &&
        (token.indent === 0 || lastItem.start.every((t) => t.type !== 'comment' || t.indent < token.indent))
      ) {
        if (top.type === 'document') top.end = lastItem.start;
        else top.items.push({ start: lastItem.start });
        token.items.splice(-1, 1);
      }
    }
  }

  private stream(): void {
    switch (this.type) {
      case 'space':
      case 'comment':
      case 'newline':
        this.out.push(this.sourceToken);
        return;
      case 'doc-mode':
      case 'doc-start': {
        const doc: DocumentToken = { type: 'document', offset: this.offset, start: [] };
        if (this.type === 'doc-start') doc.start.push(this.sourceToken);
        this.stack.push(doc);
        return;
      }
    }
    throw OFF_PATH;
  }

  private document(doc: DocumentToken): void {
    if (doc.value) return this.lineEnd(doc);
    switch (this.type) {
      case 'doc-start':
        if (!doc.start.every(isTrivia)) throw OFF_PATH;
        doc.start.push(this.sourceToken);
        return;
      case 'space':
      case 'comment':
      case 'newline':
        doc.start.push(this.sourceToken);
        return;
    }
    const value = this.startBlockValue(doc);
    if (!value) throw OFF_PATH;
    this.stack.push(value);
  }

  private scalar(scalar: Scalar): void {
    if (this.type !== 'map-value-ind') return this.lineEnd(scalar);
    // The scalar was a key: it opens a mapping.
    const start = keyStartProps(previousProps(this.stack[this.stack.length - 2]));
    let sep: SourceToken[];
    if (scalar.end) {
      sep = scalar.end;
      sep.push(this.sourceToken);
      delete scalar.end;
    } else sep = [this.sourceToken];
    this.onKeyLine = true;
    this.stack[this.stack.length - 1] = { type: 'block-map', offset: scalar.offset, indent: scalar.indent, items: [{ start, key: scalar as CST.Token, sep }] };
  }

  private blockMap(map: BlockMap): void {
    const item = last(map.items);
    switch (this.type) {
      case 'newline':
        this.onKeyLine = false;
        if (item.value) {
          const end = 'end' in item.value ? item.value.end : undefined;
          if (Array.isArray(end) && end[end.length - 1]?.type === 'comment') end.push(this.sourceToken);
          else map.items.push({ start: [this.sourceToken] });
        } else if (item.sep) item.sep.push(this.sourceToken);
        else item.start.push(this.sourceToken);
        return;
      case 'space':
      case 'comment':
        if (item.value) map.items.push({ start: [this.sourceToken] });
        else if (item.sep) item.sep.push(this.sourceToken);
        else {
          if (this.atIndentedComment(item.start, map.indent)) {
            const previous = map.items[map.items.length - 2];
            const end = (previous?.value as Scalar | undefined)?.end;
            if (Array.isArray(end)) {
              end.push(...item.start, this.sourceToken);
              map.items.pop();
              return;
            }
          }
          item.start.push(this.sourceToken);
        }
        return;
    }
    if (this.indent >= map.indent) {
      const atMapIndent = !this.onKeyLine && this.indent === map.indent;
      const atNextItem = atMapIndent && item.sep !== undefined && this.type !== 'seq-item-ind';
      // For an empty value, blank-line-separated trivia after it go with the next item.
      let start: SourceToken[] = [];
      if (atNextItem && item.sep && !item.value) {
        const newlines: number[] = [];
        for (let i = 0; i < item.sep.length; ++i) {
          const token = item.sep[i];
          switch (token.type) {
            case 'newline':
              newlines.push(i);
              break;
            case 'space':
              break;
            case 'comment':
              if (token.indent > map.indent) newlines.length = 0;
              break;
            default:
              newlines.length = 0;
          }
        }
        if (newlines.length >= 2) start = item.sep.splice(newlines[1]);
      }
      switch (this.type) {
        case 'map-value-ind':
          if (!item.sep) {
            item.key = null;
            item.sep = [this.sourceToken];
          } else if (item.value || atNextItem) map.items.push({ start, key: null, sep: [this.sourceToken] });
          else if (has(item.sep, 'map-value-ind')) {
            this.stack.push({ type: 'block-map', offset: this.offset, indent: this.indent, items: [{ start: [], key: null, sep: [this.sourceToken] }] });
          } else item.sep.push(this.sourceToken);
          this.onKeyLine = true;
          return;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar': {
          const scalar = this.flowScalar();
          if (atNextItem || item.value) {
            map.items.push({ start, key: scalar, sep: [] });
            this.onKeyLine = true;
          } else if (item.sep) this.stack.push(scalar);
          else {
            item.key = scalar;
            item.sep = [];
            this.onKeyLine = true;
          }
          return;
        }
        default: {
          const value = this.startBlockValue(map);
          if (value) {
            if (value.type === 'block-seq') {
              // A sequence on the line of its key is an error.
              if (item.sep && !has(item.sep, 'newline')) throw OFF_PATH;
            } else if (atMapIndent) map.items.push({ start });
            this.stack.push(value);
            return;
          }
        }
      }
    }
    this.pop();
    this.step();
  }

  private blockSequence(seq: BlockSeq): void {
    const item = last(seq.items);
    switch (this.type) {
      case 'newline':
        if (item.value) {
          const end = 'end' in item.value ? item.value.end : undefined;
          if (Array.isArray(end) && end[end.length - 1]?.type === 'comment') end.push(this.sourceToken);
          else seq.items.push({ start: [this.sourceToken] });
        } else item.start.push(this.sourceToken);
        return;
      case 'space':
      case 'comment':
        if (item.value) seq.items.push({ start: [this.sourceToken] });
        else {
          if (this.atIndentedComment(item.start, seq.indent)) {
            const previous = seq.items[seq.items.length - 2];
            const end = (previous?.value as Scalar | undefined)?.end;
            if (Array.isArray(end)) {
              end.push(...item.start, this.sourceToken);
              seq.items.pop();
              return;
            }
          }
          item.start.push(this.sourceToken);
        }
        return;
      case 'seq-item-ind':
        if (this.indent !== seq.indent) break;
        if (item.value || has(item.start, 'seq-item-ind')) seq.items.push({ start: [this.sourceToken] });
        else item.start.push(this.sourceToken);
        return;
    }
    if (this.indent > seq.indent) {
      const value = this.startBlockValue(seq);
      if (value) {
        this.stack.push(value);
        return;
      }
    }
    this.pop();
    this.step();
  }

  private flowCollection(collection: FlowCollection): void {
    const item = collection.items[collection.items.length - 1];
    if (collection.end.length === 0) {
      switch (this.type) {
        case 'comma':
          if (!item || item.sep) collection.items.push({ start: [this.sourceToken] });
          else item.start.push(this.sourceToken);
          return;
        case 'map-value-ind':
          if (!item || item.value) collection.items.push({ start: [], key: null, sep: [this.sourceToken] });
          else if (item.sep) item.sep.push(this.sourceToken);
          else {
            item.key = null;
            item.sep = [this.sourceToken];
          }
          return;
        case 'space':
        case 'comment':
        case 'newline':
          if (!item || item.value) collection.items.push({ start: [this.sourceToken] });
          else if (item.sep) item.sep.push(this.sourceToken);
          else item.start.push(this.sourceToken);
          return;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar': {
          const scalar = this.flowScalar();
          if (!item || item.value) collection.items.push({ start: [], key: scalar, sep: [] });
          else if (item.sep) this.stack.push(scalar);
          else {
            item.key = scalar;
            item.sep = [];
          }
          return;
        }
        case 'flow-map-end':
        case 'flow-seq-end':
          collection.end.push(this.sourceToken);
          return;
      }
      const value = this.startBlockValue(collection);
      if (!value) throw OFF_PATH;
      this.stack.push(value);
      return;
    }
    const parent = this.stack[this.stack.length - 2];
    if (
      parent.type === 'block-map' &&
      ((this.type === 'map-value-ind' && parent.indent === collection.indent) || (this.type === 'newline' && !last(parent.items).sep))
    ) {
      this.pop();
      this.step();
    } else if (this.type === 'map-value-ind' && parent.type !== 'flow-collection') {
      // A flow collection as an implicit key: rare, and the Parser's own path is safer.
      throw OFF_PATH;
    } else this.lineEnd(collection);
  }

  private flowScalar(): Scalar {
    return { type: this.type as Scalar['type'], offset: this.offset, indent: this.indent, source: this.source };
  }

  private startBlockValue(parent: Open): Open | undefined {
    switch (this.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return this.flowScalar();
      case 'flow-map-start':
      case 'flow-seq-start':
        return { type: 'flow-collection', offset: this.offset, indent: this.indent, start: this.sourceToken, items: [], end: [] };
      case 'seq-item-ind':
        return { type: 'block-seq', offset: this.offset, indent: this.indent, items: [{ start: [this.sourceToken] }] };
      case 'map-value-ind': {
        this.onKeyLine = true;
        const start = keyStartProps(previousProps(parent));
        return { type: 'block-map', offset: this.offset, indent: this.indent, items: [{ start, key: null, sep: [this.sourceToken] }] };
      }
    }
    return undefined;
  }

  private atIndentedComment(start: SourceToken[], indent: number): boolean {
    if (this.type !== 'comment' || this.indent <= indent) return false;
    return start.every((token) => token.type === 'newline' || token.type === 'space');
  }

  private lineEnd(token: Scalar | FlowCollection | DocumentToken): void {
    switch (this.type) {
      case 'comma':
      case 'doc-start':
      case 'flow-seq-end':
      case 'flow-map-end':
      case 'map-value-ind':
        this.pop();
        this.step();
        return;
      default:
        if (this.type === 'newline') this.onKeyLine = false;
        if (token.end) token.end.push(this.sourceToken);
        else token.end = [this.sourceToken];
        if (this.type === 'newline') this.pop();
    }
  }
}
