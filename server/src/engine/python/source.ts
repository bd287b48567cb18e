import { LineIndex, Range } from '../documents/lineIndex';
import type { Span, PyModule } from './ast';
import { parsePython } from './parse';

/** A parsed Python file with its line index, for turning node offsets into LSP ranges. */
export class PythonSource {
  readonly module: PyModule;
  readonly lines: LineIndex;

  constructor(
    readonly uri: string,
    readonly text: string,
  ) {
    this.module = parsePython(text);
    this.lines = new LineIndex(text);
  }

  range(span: Span): Range {
    return { start: this.lines.positionAt(span.from), end: this.lines.positionAt(span.to) };
  }

  /** Whether a span overlaps a syntax error: findings there are not trustworthy. */
  inError(span: Span): boolean {
    return this.module.errors.some((e) => e.from < span.to && span.from < e.to);
  }
}

const cache = new WeakMap<object, PythonSource>();

/**
 * The parsed form of a Python file, cached per file object and text so that
 * several rules, the hover and the code lens share one parse.
 */
export function pythonSource(file: { uri: string; text: string }): PythonSource {
  const cached = cache.get(file);
  if (cached && cached.text === file.text && cached.uri === file.uri) return cached;
  const source = new PythonSource(file.uri, file.text);
  cache.set(file, source);
  return source;
}

/**
 * A value derived from a file's text, computed once per (file object, text,
 * key): collector analyses and other per-file results built on the parse.
 */
const derived = new WeakMap<object, Map<string, { text: string; value: unknown }>>();

export function cachedForText<T>(file: { text: string }, key: string, compute: () => T): T {
  let byKey = derived.get(file);
  if (!byKey) derived.set(file, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit && hit.text === file.text) return hit.value as T;
  const value = compute();
  byKey.set(key, { text: file.text, value });
  return value;
}
