import type { CallArgs, Evaluator } from './evaluate';
import { strFormat } from './format';
import { describe, fromParts, num, pyRepr, str, Sym, TemplatePart, templateParts, Value } from './values';

/**
 * Python `str` methods. On known strings they compute exactly what Python
 * does; on templates (strings with unknown pieces) the transformations that
 * work piece by piece (`replace`, `lower`, `upper`, …) are applied to the known
 * text and remembered on the unknown pieces, so a preview can show
 * `{component.name | '-'→'_'}_service_window_last_start`.
 */

export const STR_METHODS = new Set([
  'replace', 'lower', 'upper', 'casefold', 'swapcase', 'title', 'capitalize', 'strip', 'lstrip', 'rstrip', 'split', 'rsplit', 'join',
  'format', 'startswith', 'endswith', 'removeprefix', 'removesuffix', 'zfill', 'ljust', 'rjust', 'center', 'encode', 'decode', 'find',
  'count', 'isdigit', 'isalpha', 'isalnum', 'isidentifier', 'islower', 'isupper', 'splitlines', 'partition', 'translate', 'expandtabs',
]);

const PIECEWISE: Record<string, (s: string) => string> = {
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  casefold: (s) => s.toLowerCase(),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
};

function stripChars(s: string, chars: string | undefined, left: boolean, right: boolean): string {
  const set = chars === undefined ? undefined : new Set([...chars]);
  const strip = (c: string) => (set ? set.has(c) : /\s/.test(c));
  const cs = [...s];
  let a = 0;
  let b = cs.length;
  if (left) while (a < b && strip(cs[a])) a++;
  if (right) while (b > a && strip(cs[b - 1])) b--;
  return cs.slice(a, b).join('');
}

function titleCase(s: string): string {
  let out = '';
  let prevCased = false;
  for (const c of s) {
    const cased = c.toLowerCase() !== c.toUpperCase();
    out += cased ? (prevCased ? c.toLowerCase() : c.toUpperCase()) : c;
    prevCased = cased;
  }
  return out;
}

/** Python's `str.split` / `str.rsplit`. */
function split(s: string, sep: string | undefined, maxsplit: number, fromRight: boolean): string[] {
  if (sep === undefined) {
    const words = s.trim().split(/\s+/).filter(Boolean);
    if (maxsplit < 0 || words.length <= maxsplit + 1) return words;
    // With a limit, the remainder keeps its inner whitespace.
    if (fromRight) {
      const tail = words.slice(words.length - maxsplit);
      const head = s.replace(/\s+$/, '');
      const cut = head.length - tail.join(' ').length;
      return [head.slice(0, cut).trim(), ...tail];
    }
    const out: string[] = [];
    let rest = s.replace(/^\s+/, '');
    for (let i = 0; i < maxsplit; i++) {
      const m = /\s+/.exec(rest);
      if (!m) break;
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    out.push(rest);
    return out;
  }
  const all = s.split(sep);
  if (maxsplit < 0 || all.length <= maxsplit + 1) return all;
  if (fromRight) return [all.slice(0, all.length - maxsplit).join(sep), ...all.slice(all.length - maxsplit)];
  return [...all.slice(0, maxsplit), all.slice(maxsplit).join(sep)];
}

const strArg = (v: Value | undefined): string | undefined => (v?.t === 'str' ? v.v : undefined);

/** Calls `method` on a string-like receiver; undefined when the result is unknown. */
export function callStrMethod(method: string, self: Value, args: CallArgs, ev: Evaluator): Value | undefined {
  const [a, b] = args.positional;
  if (self.t === 'str') return concrete(method, self.v, args, ev);
  const parts = templateParts(self);
  if (!parts) return undefined;
  // Piecewise transformations keep the template's shape.
  const piecewise = (fn: (s: string) => string, label: string): Value =>
    fromParts(parts.map((p) => (typeof p === 'string' ? fn(p) : ({ desc: p.desc, transforms: [...p.transforms, label] } as Sym))));
  if (method in PIECEWISE) return piecewise(PIECEWISE[method], method);
  if (method === 'replace') {
    const from = strArg(a);
    const to = strArg(b);
    if (from === undefined || to === undefined || from === '' || args.positional[2]) return undefined;
    return piecewise((s) => s.split(from).join(to), `${pyRepr(str(from))}→${pyRepr(str(to))}`);
  }
  if (method === 'strip' || method === 'lstrip' || method === 'rstrip') {
    const chars = a?.t === 'none' ? undefined : strArg(a);
    if (a && a.t !== 'none' && chars === undefined) return undefined;
    const label = chars === undefined ? method : `${method}(${pyRepr(str(chars))})`;
    const out = [...parts];
    const left = method !== 'rstrip';
    const right = method !== 'lstrip';
    const edit = (i: number, l: boolean, r: boolean) => {
      const p = out[i];
      if (typeof p === 'string') out[i] = stripChars(p, chars, l, r);
      else if (!p.transforms.includes(label)) out[i] = { desc: p.desc, transforms: [...p.transforms, label] };
    };
    if (out.length === 1) edit(0, left, right);
    else {
      if (left) edit(0, true, false);
      if (right) edit(out.length - 1, false, true);
    }
    return fromParts(out);
  }
  if (method === 'join') {
    const items = a ? ev.iterate(a, '_') : undefined;
    if (!items) return undefined;
    const out: TemplatePart[] = [];
    items.forEach((item, i) => {
      if (i) out.push(...parts);
      out.push(...(templateParts(item) ?? [{ desc: describe(item), transforms: [] }]));
    });
    return fromParts(out);
  }
  if (method === 'encode' || method === 'decode') return self;
  if (method === 'title' || method === 'capitalize' || method === 'zfill' || method === 'removeprefix' || method === 'removesuffix') {
    const argText = a ? `(${describe(a)})` : '';
    return { t: 'sym', sym: { desc: describe(self), transforms: [`${method}${argText}`] } };
  }
  return undefined;
}

function concrete(method: string, s: string, args: CallArgs, ev: Evaluator): Value | undefined {
  const [a, b, c] = args.positional;
  if (method in PIECEWISE) return str(PIECEWISE[method](s));
  switch (method) {
    case 'replace': {
      const from = strArg(a);
      const to = strArg(b);
      if (from === undefined || to === undefined) {
        // Replacing with an unknown: the result is a template when the text occurs.
        if (from !== undefined && b && templateParts(b) && from !== '') {
          const pieces = s.split(from);
          const out: TemplatePart[] = [];
          pieces.forEach((piece, i) => {
            if (i) out.push(...templateParts(b)!);
            out.push(piece);
          });
          return fromParts(out);
        }
        return undefined;
      }
      const count = c?.t === 'num' ? c.v : -1;
      if (count < 0) return str(from === '' ? [...s].reduce((acc, ch) => acc + ch + to, to) : s.split(from).join(to));
      let out = s;
      let done = 0;
      let at = 0;
      while (done < count) {
        const i = out.indexOf(from, at);
        if (i < 0) break;
        out = out.slice(0, i) + to + out.slice(i + from.length);
        at = i + to.length + (from === '' ? 1 : 0);
        done++;
      }
      return str(out);
    }
    case 'title':
      return str(titleCase(s));
    case 'capitalize':
      return str(s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s);
    case 'strip':
    case 'lstrip':
    case 'rstrip': {
      const chars = a === undefined || a.t === 'none' ? undefined : strArg(a);
      if (a && a.t !== 'none' && chars === undefined) return undefined;
      return str(stripChars(s, chars, method !== 'rstrip', method !== 'lstrip'));
    }
    case 'split':
    case 'rsplit': {
      const sep = a === undefined || a.t === 'none' ? undefined : strArg(a);
      if (a && a.t !== 'none' && sep === undefined) return undefined;
      const maxArg = b ?? args.keywords.get('maxsplit');
      const max = maxArg?.t === 'num' ? maxArg.v : -1;
      return { t: 'seq', kind: 'list', items: split(s, sep, max, method === 'rsplit').map(str) };
    }
    case 'splitlines':
      return { t: 'seq', kind: 'list', items: s.split(/\r\n|\r|\n/).filter((x, i, all) => i < all.length - 1 || x !== '').map(str) };
    case 'partition': {
      const sep = strArg(a);
      if (!sep) return undefined;
      const i = s.indexOf(sep);
      const items = i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)];
      return { t: 'seq', kind: 'tuple', items: items.map(str) };
    }
    case 'join': {
      const items = a ? ev.iterate(a, '_') : undefined;
      if (!items) return undefined;
      const out: TemplatePart[] = [];
      items.forEach((item, i) => {
        if (i) out.push(s);
        const p = templateParts(item);
        out.push(...(p ?? [{ desc: describe(item), transforms: [] }]));
      });
      return fromParts(out);
    }
    case 'format':
      return strFormat(s, args, ev);
    case 'startswith':
    case 'endswith': {
      const options = a?.t === 'seq' ? a.items.map(strArg) : [strArg(a)];
      if (options.some((o) => o === undefined)) return undefined;
      return { t: 'bool', v: options.some((o) => (method === 'startswith' ? s.startsWith(o!) : s.endsWith(o!))) };
    }
    case 'removeprefix': {
      const p = strArg(a);
      return p === undefined ? undefined : str(p && s.startsWith(p) ? s.slice(p.length) : s);
    }
    case 'removesuffix': {
      const p = strArg(a);
      return p === undefined ? undefined : str(p && s.endsWith(p) ? s.slice(0, -p.length) : s);
    }
    case 'zfill': {
      if (a?.t !== 'num') return undefined;
      const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
      const body = sign ? s.slice(1) : s;
      return str(sign + body.padStart(Math.max(0, a.v - sign.length), '0'));
    }
    case 'ljust':
    case 'rjust':
    case 'center': {
      if (a?.t !== 'num') return undefined;
      const fill = strArg(b) ?? ' ';
      const pad = Math.max(0, a.v - [...s].length);
      if (method === 'ljust') return str(s + fill.repeat(pad));
      if (method === 'rjust') return str(fill.repeat(pad) + s);
      // CPython puts the extra character on the right when both the padding and the length are odd.
      const left = Math.floor(pad / 2) + (pad & a.v & 1);
      return str(fill.repeat(left) + s + fill.repeat(pad - left));
    }
    case 'encode':
    case 'decode':
      return str(s);
    case 'find': {
      const sub = strArg(a);
      return sub === undefined ? undefined : num(s.indexOf(sub));
    }
    case 'count': {
      const sub = strArg(a);
      if (sub === undefined) return undefined;
      return num(sub === '' ? [...s].length + 1 : s.split(sub).length - 1);
    }
    case 'isdigit':
      return { t: 'bool', v: /^\d+$/.test(s) };
    case 'isalpha':
      return { t: 'bool', v: /^\p{L}+$/u.test(s) };
    case 'isalnum':
      return { t: 'bool', v: /^[\p{L}\p{N}]+$/u.test(s) };
    case 'isidentifier':
      return { t: 'bool', v: /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s) };
    case 'islower':
      return { t: 'bool', v: s !== s.toUpperCase() && s === s.toLowerCase() };
    case 'isupper':
      return { t: 'bool', v: s !== s.toLowerCase() && s === s.toUpperCase() };
    default:
      return undefined;
  }
}


