import { RE2JS } from 're2js';

const cache = new Map<string, string | undefined>();

/**
 * Whether a pattern compiles as a Go (RE2) regular expression, fully anchored
 * the way Alertmanager compiles matcher and `match_re` values (`^(?:…)$`).
 * Returns RE2's complaint, or undefined when the pattern is accepted.
 * Not prometheus/regex.ts's compileRelabelRegex: that one follows the
 * Prometheus version (`(?s:` in 3.x, `(?<name>` groups) and strips the
 * wrapper from the message, while Alertmanager's wrapper is fixed and its
 * message quotes the wrapped pattern as Go prints it.
 */
export function re2Problem(pattern: string): string | undefined {
  if (cache.has(pattern)) return cache.get(pattern);
  let problem: string | undefined;
  try {
    RE2JS.compile(`^(?:${pattern})$`);
  } catch (error) {
    problem = (error as Error).message.replace(/^error parsing regexp: /, '');
  }
  if (cache.size > 2000) cache.clear();
  cache.set(pattern, problem);
  return problem;
}
