import { RE2JS } from 're2js';
import type { VersionFeatures } from './version';

/**
 * Relabel regexes as Prometheus compiles them: Go's RE2 syntax (through
 * re2js, never JavaScript's RegExp), fully anchored as `^(?s:…)$` (3.x) or
 * `^(?:…)$` (2.x), matched in linear time.
 */
export interface CompiledRegex {
  source: string;
  re: RE2JS;
  /** Capturing groups, not counting the whole match. */
  groupCount: number;
  /** Group index by name, for `(?P<name>…)`. */
  names: Map<string, number>;
  /** True when the regex is the default `(.*)` (so the whole value is group 1). */
  isDefault: boolean;
  /** For a regex that is only literals joined by `|` (`env`, `prod|staging`): the literals; it matches exactly those values. */
  literals?: Set<string>;
  /** Recent results: label values repeat across targets (env, team, job…), so most lookups hit. */
  testMemo?: Map<string, boolean>;
  submatchMemo?: Map<string, MatchIndexes | null>;
}

/** Characters that mean nothing special to RE2 outside a class: a pattern of only these (and `|`) is a set of literals. */
const LITERAL_ALTERNATION = /^[A-Za-z0-9_:\-\/,;=@ ]+(?:\|[A-Za-z0-9_:\-\/,;=@ ]+)*$/;

export interface RegexError {
  /** RE2's own message, e.g. "error parsing regexp: missing closing ): `(abc`". */
  message: string;
  /** The RE2 error code, e.g. "missing closing )". */
  code: string;
  /** The part of the pattern RE2 complained about. */
  fragment: string;
  /** A construct from Perl/PCRE that RE2 does not have, when that is the cause. */
  pcre?: PcreConstruct;
}

export interface PcreConstruct {
  name: string;
  text: string;
  /** Offset in the pattern. */
  offset: number;
}

export function wrapRegex(source: string, features: Pick<VersionFeatures, 'dotMatchesNewline'>): string {
  return (features.dotMatchesNewline ? '^(?s:' : '^(?:') + source + ')$';
}

const cache = new Map<string, CompiledRegex | RegexError>();
const CACHE_LIMIT = 5000;

export function isRegexError(value: CompiledRegex | RegexError): value is RegexError {
  return (value as RegexError).code !== undefined;
}

/** Compiles a relabel regex the way the given Prometheus version does. */
export function compileRelabelRegex(source: string, features: Pick<VersionFeatures, 'dotMatchesNewline' | 'angleNamedGroups'>): CompiledRegex | RegexError {
  const key = `${features.dotMatchesNewline ? 's' : '-'}${features.angleNamedGroups ? 'a' : '-'}${source}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const result = compileUncached(source, features);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

function compileUncached(source: string, features: Pick<VersionFeatures, 'dotMatchesNewline' | 'angleNamedGroups'>): CompiledRegex | RegexError {
  const pcre = findPcreConstruct(source);
  if (!features.angleNamedGroups) {
    const angle = findAngleNamedGroup(source);
    if (angle !== undefined) {
      // Go's regexp only learnt `(?<name>…)` in Go 1.22; older builds reject it like any unknown flag.
      return { message: 'error parsing regexp: invalid or unsupported Perl syntax: `(?<`', code: 'invalid or unsupported Perl syntax', fragment: '(?<', pcre };
    }
  }
  try {
    const re = RE2JS.compile(wrapRegex(source, features));
    const names = new Map<string, number>(Object.entries(re.namedGroups()));
    const literals = LITERAL_ALTERNATION.test(source) ? new Set(source.split('|')) : undefined;
    return { source, re, groupCount: re.groupCount(), names, isDefault: source === '(.*)', literals };
  } catch (error) {
    const e = error as { message?: string; error?: string; input?: string | null };
    const code = typeof e.error === 'string' ? e.error : 'invalid regexp';
    let fragment = typeof e.input === 'string' ? e.input : '';
    // RE2 quotes the wrapped pattern; show the user's own text.
    const wrapperEnd = ')$';
    const wrapperStart = features.dotMatchesNewline ? '^(?s:' : '^(?:';
    if (fragment.startsWith(wrapperStart)) fragment = fragment.slice(wrapperStart.length);
    if (fragment.endsWith(wrapperEnd)) fragment = fragment.slice(0, -wrapperEnd.length);
    return { message: `error parsing regexp: ${code}: \`${fragment}\``, code, fragment, pcre };
  }
}

/** Whether the pattern compiles on its own, without Prometheus' wrapper. */
export function compilesAlone(source: string): boolean {
  try {
    RE2JS.compile(source);
    return true;
  } catch {
    return false;
  }
}

/** Whether `(?<name>` (not a lookbehind) occurs outside classes and escapes. */
function findAngleNamedGroup(source: string): number | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
      continue;
    }
    if (source.startsWith('(?<', i) && source[i + 3] !== '=' && source[i + 3] !== '!') return i;
  }
  return undefined;
}

/**
 * Finds Perl/PCRE syntax that RE2 rejects, to name it in the message
 * (RE2 itself only says "invalid or unsupported Perl syntax" or "invalid escape").
 */
export function findPcreConstruct(source: string): PcreConstruct | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return { name: 'a backreference', text: `\\${next}`, offset: i };
      if (!inClass && next === 'k' && /[<{']/.test(source[i + 2] ?? '')) return { name: 'a named backreference', text: source.slice(i, i + 3), offset: i };
      if (!inClass && next === 'g' && /[\d{<-]/.test(source[i + 2] ?? '')) return { name: 'a backreference', text: source.slice(i, i + 3), offset: i };
      if (next === 'Q') {
        // \Q…\E quotes everything up to \E.
        const end = source.indexOf('\\E', i + 2);
        i = end === -1 ? source.length : end + 1;
        continue;
      }
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2);
      if (rest.startsWith('=')) return { name: 'a lookahead', text: '(?=', offset: i };
      if (rest.startsWith('!')) return { name: 'a negative lookahead', text: '(?!', offset: i };
      if (rest.startsWith('<=')) return { name: 'a lookbehind', text: '(?<=', offset: i };
      if (rest.startsWith('<!')) return { name: 'a negative lookbehind', text: '(?<!', offset: i };
      if (rest.startsWith('>')) return { name: 'an atomic group', text: '(?>', offset: i };
      if (rest.startsWith('(')) return { name: 'a conditional', text: '(?(', offset: i };
      if (/^(R|\d|[+-]\d|&|P>)/.test(rest)) return { name: 'a recursive pattern', text: source.slice(i, i + 4), offset: i };
      continue;
    }
    if ('*+?}'.includes(c) && source[i + 1] === '+') {
      // `a*+`: possessive in PCRE. (`}` closes a counted repetition; `{` alone is a literal.)
      return { name: 'a possessive quantifier', text: `${c}+`, offset: i };
    }
  }
  return undefined;
}

/** A piece of a replacement or target_label template, as Go's `regexp.Expand` reads it. */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'ref'; name: string; num: number; braced: boolean; offset: number; length: number }
  | { kind: 'dollar'; offset: number };

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/**
 * Parses a template exactly like Go's `regexp.Expand`: `$$` is a dollar,
 * `$name` takes the longest run of letters, digits and underscores (so `$1x`
 * names the group "1x"), `${name}` is braced, a malformed `$` is literal.
 */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar === -1) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === '$') {
      text += '$';
      i++;
      continue;
    }
    let j = i;
    const braced = template[j] === '{';
    if (braced) j++;
    const nameStart = j;
    while (j < template.length) {
      const cp = template.codePointAt(j)!;
      const ch = String.fromCodePoint(cp);
      if (!NAME_CHAR.test(ch)) break;
      j += ch.length;
    }
    const name = template.slice(nameStart, j);
    if (name === '' || (braced && template[j] !== '}')) {
      // Malformed: the `$` is kept as text.
      parts.push(...(text ? [{ kind: 'text' as const, text }] : []));
      text = '';
      parts.push({ kind: 'dollar', offset: dollar });
      continue;
    }
    if (braced) j++;
    let num = 0;
    for (const ch of name) {
      if (ch < '0' || ch > '9' || num >= 1e8) {
        num = -1;
        break;
      }
      num = num * 10 + (ch.charCodeAt(0) - 48);
    }
    if (name[0] === '0' && name.length > 1) num = -1;
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'ref', name, num, braced, offset: dollar, length: j - dollar });
    i = j;
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** Group spans of a match: [start0, end0, start1, end1, …], -1 for a group that did not take part. */
export type MatchIndexes = number[];

export function expandTemplate(parts: TemplatePart[], regex: CompiledRegex, value: string, match: MatchIndexes): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'dollar') out += '$';
    else {
      let index = part.num;
      if (index < 0) index = regex.names.get(part.name) ?? -1;
      if (index >= 0 && 2 * index + 1 < match.length && match[2 * index] >= 0) out += value.slice(match[2 * index], match[2 * index + 1]);
    }
  }
  return out;
}

/** Whether a template refers to any group (so matching must compute group spans). */
export function templateHasRefs(parts: TemplatePart[]): boolean {
  return parts.some((p) => p.kind === 'ref');
}

const MEMO_LIMIT = 512;

function bounded<T>(memo: Map<string, T> | undefined): Map<string, T> {
  if (!memo) return new Map();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  return memo;
}

/** The full match and group spans, or undefined when the regex does not match (Go's FindStringSubmatchIndex). */
export function findSubmatchIndex(regex: CompiledRegex, value: string): MatchIndexes | undefined {
  if (regex.literals) return regex.literals.has(value) ? [0, value.length] : undefined;
  const memo = (regex.submatchMemo = bounded(regex.submatchMemo));
  const known = memo.get(value);
  if (known !== undefined) return known ?? undefined;
  const matcher = regex.re.matcher(value);
  let out: number[] | null = null;
  if (matcher.find()) {
    out = [];
    for (let g = 0; g <= regex.groupCount; g++) out.push(matcher.start(g), matcher.end(g));
  }
  memo.set(value, out);
  return out ?? undefined;
}

/** Go's MatchString: the regex matches somewhere in the value (it is anchored, so: the whole value). */
export function regexMatches(regex: CompiledRegex, value: string): boolean {
  if (regex.literals) return regex.literals.has(value);
  const memo = (regex.testMemo = bounded(regex.testMemo));
  let result = memo.get(value);
  if (result === undefined) memo.set(value, (result = regex.re.test(value)));
  return result;
}
