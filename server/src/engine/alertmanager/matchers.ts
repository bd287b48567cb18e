import { re2Problem } from './re2';

/** A label matcher of Alertmanager's config (`matchers`, `source_matchers`, `target_matchers`). */
export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export type MatchersResult = { matchers: Matcher[] } | { error: string; regex?: boolean };

// The label name, the operator ('=~' before '='), and the rest, as Alertmanager's pkg/labels parser reads them.
const MATCHER = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;

/**
 * Parses one line of a `matchers` list the way Alertmanager 0.25 does
 * (pkg/labels ParseMatchers): optional braces, comma-separated matchers, commas
 * inside double quotes kept, OpenMetrics escapes in quoted values, and regular
 * expressions compiled fully anchored.
 */
export function parseMatchers(line: string): MatchersResult {
  let s = line;
  if (s.startsWith('{')) s = s.slice(1);
  if (s.endsWith('}')) s = s.slice(0, -1);
  const tokens: string[] = [];
  let token = '';
  let inside = false;
  let escaped = false;
  for (const c of s) {
    if (c === ',' && !inside) {
      tokens.push(token);
      token = '';
      continue;
    }
    if (c === '"') {
      if (!escaped) inside = !inside;
      else escaped = false;
    } else if (c === '\\') escaped = !escaped;
    else escaped = false;
    token += c;
  }
  if (token.trim() !== '') tokens.push(token.trim());
  const matchers: Matcher[] = [];
  for (const t of tokens) {
    const parsed = parseMatcher(t);
    if ('error' in parsed) return parsed;
    matchers.push(parsed.matcher);
  }
  return { matchers };
}

export function parseMatcher(text: string): { matcher: Matcher } | { error: string; regex?: boolean } {
  const match = MATCHER.exec(text);
  if (!match) return { error: `bad matcher format: ${text}` };
  const [, name, op, raw] = match;
  let rawValue = raw;
  let expectTrailingQuote = false;
  if (rawValue.startsWith('"')) {
    rawValue = rawValue.slice(1);
    expectTrailingQuote = true;
  }
  let value = '';
  let escaped = false;
  const chars = [...rawValue];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (escaped) {
      escaped = false;
      if (c === 'n') value += '\n';
      else if (c === '"' || c === '\\') value += c;
      else value += `\\${c}`;
      continue;
    }
    if (c === '\\') {
      if (i < chars.length - 1) {
        escaped = true;
        continue;
      }
      value += '\\';
    } else if (c === '"') {
      if (!expectTrailingQuote || i < chars.length - 1) return { error: `matcher value contains unescaped double quote: ${raw}` };
      expectTrailingQuote = false;
    } else value += c;
  }
  if (expectTrailingQuote) return { error: `matcher value contains unescaped double quote: ${raw}` };
  if (op === '=~' || op === '!~') {
    const problem = re2Problem(value);
    if (problem) return { error: `invalid regular expression ${JSON.stringify(value)} (${problem}); Alertmanager compiles it as Go RE2`, regex: true };
  }
  return { matcher: { name, op: op as Matcher['op'], value } };
}
