import { Document, isScalar, Scalar, YAMLSeq } from 'yaml';
import { asScalar, asSeq, deref, Span, spanOf } from '../documents/yamlAccess';

/** One word of a command line, with the place it was written. */
export interface Arg {
  value: string;
  /** The word's characters when they can be located exactly, else the whole scalar. */
  span: Span;
  /** The scalar the word came from (a list item, or the one string the line was written as). */
  scalarSpan: Span;
}

/** A command line as written in a compose `command`/`entrypoint` or a container's `command`/`args`. */
export interface CommandLine {
  args: Arg[];
  /** `seq`: a YAML list of words; `string`: one string split like a shell; `none`: absent. */
  form: 'seq' | 'string' | 'none';
  /** The list or string node, for fixes. */
  node?: YAMLSeq | Scalar;
}

/** A `--name=value` or `--name value` flag found in a command line. */
export interface Flag {
  name: string;
  value?: string;
  /** Where the value is (for `--name=value`, just the part after `=`). */
  valueSpan?: Span;
  /** The whole flag, name and value. */
  span: Span;
  /** Index of the word holding the flag name. */
  index: number;
}

/**
 * Reads a command line: a YAML list of strings, or a single string split on
 * whitespace with shell quoting (as docker compose does for `command: "…"`).
 */
export function readCommandLine(doc: Document, text: string, node: unknown): CommandLine {
  const resolved = deref(doc, node);
  const seq = asSeq(doc, resolved);
  if (seq) {
    const args: Arg[] = [];
    for (const item of seq.items) {
      const scalar = asScalar(doc, item);
      const span = spanOf(scalar);
      if (!scalar || !span || scalar.value === null || typeof scalar.value === 'object') continue;
      const value = String(scalar.value);
      args.push({ value, span: contentSpan(text, scalar, span, value), scalarSpan: span });
    }
    return { args, form: 'seq', node: seq };
  }
  if (isScalar(resolved) && typeof resolved.value === 'string') {
    const span = spanOf(resolved);
    if (!span) return { args: [], form: 'none' };
    return { args: splitShellWords(text, resolved, span), form: 'string', node: resolved };
  }
  return { args: [], form: 'none' };
}

/**
 * The span of a scalar's characters without its quotes, when the source text
 * spells the value literally (no escapes, no folding); else the scalar's span.
 */
export function contentSpan(text: string, scalar: Scalar, span: Span, value: string): Span {
  const raw = text.slice(span.start, span.end);
  if (scalar.type === 'PLAIN' && raw === value) return span;
  if ((scalar.type === 'QUOTE_SINGLE' || scalar.type === 'QUOTE_DOUBLE') && raw.slice(1, -1) === value) {
    return { start: span.start + 1, end: span.end - 1 };
  }
  return span;
}

function splitShellWords(text: string, scalar: Scalar, span: Span): Arg[] {
  const value = scalar.value as string;
  const located = contentSpan(text, scalar, span, value);
  const exact = located !== span || (scalar.type === 'PLAIN' && text.slice(span.start, span.end) === value);
  const args: Arg[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /\s/.test(value[i])) i++;
    if (i >= value.length) break;
    const start = i;
    let word = '';
    while (i < value.length && !/\s/.test(value[i])) {
      const c = value[i];
      if (c === "'" || c === '"') {
        const close = value.indexOf(c, i + 1);
        if (close === -1) {
          word += value.slice(i + 1);
          i = value.length;
        } else {
          word += value.slice(i + 1, close);
          i = close + 1;
        }
      } else if (c === '\\' && i + 1 < value.length) {
        word += value[i + 1];
        i += 2;
      } else {
        word += c;
        i++;
      }
    }
    const wordSpan = exact ? { start: located.start + start, end: located.start + i } : span;
    args.push({ value: word, span: wordSpan, scalarSpan: span });
  }
  return args;
}

/** The flags of a command line (words after the program name are all considered). */
export function findFlags(args: readonly Arg[]): Flag[] {
  const flags: Flag[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i].value;
    if (!word.startsWith('--') || word === '--') continue;
    const eq = word.indexOf('=');
    if (eq !== -1) {
      const span = args[i].span;
      const exact = span.end - span.start === word.length;
      flags.push({
        name: word.slice(2, eq),
        value: word.slice(eq + 1),
        valueSpan: exact ? { start: span.start + eq + 1, end: span.end } : span,
        span,
        index: i,
      });
    } else {
      const next = args[i + 1];
      // kingpin's boolean flags take no value; any other flag consumes the next word.
      if (next && !next.value.startsWith('-') && !BOOLEAN_FLAGS.has(word.slice(2))) {
        flags.push({ name: word.slice(2), value: next.value, valueSpan: next.span, span: { start: args[i].span.start, end: next.span.end }, index: i });
        i++;
      } else {
        flags.push({ name: word.slice(2), span: args[i].span, index: i });
      }
    }
  }
  return flags;
}

/** Boolean flags of prometheus and alertmanager that never take the next word as their value. */
const BOOLEAN_FLAGS = new Set([
  'web.enable-lifecycle',
  'web.enable-admin-api',
  'web.enable-remote-write-receiver',
  'web.systemd-socket',
  'storage.tsdb.no-lockfile',
  'cluster.allow-insecure-public-advertise-address-discovery',
  'version',
  'help',
]);

export function flagValues(flags: readonly Flag[], name: string): Flag[] {
  return flags.filter((flag) => flag.name === name);
}

export function lastFlag(flags: readonly Flag[], name: string): Flag | undefined {
  const found = flagValues(flags, name);
  return found[found.length - 1];
}
