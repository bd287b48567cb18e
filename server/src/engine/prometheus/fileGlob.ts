// Go's filepath.Glob, as Prometheus expands scrape_config_files and rule_files patterns.

/**
 * One path element of a Go filepath.Match pattern as a RegExp: `*` any run and
 * `?` any one character, `[…]` a class (`^` negates, `a-z` ranges), `\`
 * escapes. Undefined for a malformed pattern, which matches nothing (Glob
 * returns ErrBadPattern).
 */
function globElement(pattern: string): RegExp | undefined {
  const escape = (c: string) => c.replace(/[\\^$.*+?()[\]{}|\/-]/g, '\\$&');
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '\\') {
      if (++i >= pattern.length) return undefined;
      out += escape(pattern[i]);
    } else if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (pattern[j] === '^') {
        cls += '^';
        j++;
      }
      let ranges = 0;
      for (;;) {
        if (j >= pattern.length) return undefined;
        if (pattern[j] === ']' && ranges > 0) break;
        const one = (): string | undefined => {
          let ch = pattern[j];
          if (ch === undefined || ch === '-' || ch === ']') return undefined;
          if (ch === '\\') ch = pattern[++j];
          if (ch === undefined) return undefined;
          j++;
          return ch;
        };
        const lo = one();
        if (lo === undefined) return undefined;
        if (pattern[j] === '-') {
          j++;
          const hi = one();
          if (hi === undefined) return undefined;
          cls += `${escape(lo)}-${escape(hi)}`;
        } else cls += escape(lo);
        ranges++;
      }
      out += `${cls}]`;
      i = j;
    } else out += escape(c);
  }
  try {
    return new RegExp(`^${out}$`, 's');
  } catch {
    return undefined;
  }
}

/** Whether `path` is among the files filepath.Glob finds for `pattern` (both absolute and cleaned). */
export function globMatches(pattern: string, path: string): boolean {
  const wanted = pattern.split('/');
  const parts = path.split('/');
  return wanted.length === parts.length && wanted.every((element, i) => globElement(element)?.test(parts[i]) ?? false);
}
