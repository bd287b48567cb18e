import type { CallArgs, Evaluator } from './evaluate';
import { describe, fromParts, num, pyRepr, pyStr, str, Sym, TemplatePart, templateParts, Value } from './values';

/**
 * Python's string formatting, for known values: the format-spec mini-language
 * (f-strings, `format()`, `str.format`) and printf-style `%`. Unknown values
 * become template holes that remember the conversion applied to them.
 */

const SPEC = /^(?:([\s\S])?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([_,])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

/** `format(value, spec)`; undefined when the value is unknown or the spec is not supported. */
export function formatSpec(v: Value, spec: string): string | undefined {
  const m = SPEC.exec(spec);
  if (!m) return undefined;
  const [, fillRaw, alignRaw, sign, , alt, zero, widthRaw, grouping, precisionRaw, type] = m;
  const width = widthRaw ? Number(widthRaw) : 0;
  const precision = precisionRaw !== undefined ? Number(precisionRaw) : undefined;
  let fill = fillRaw ?? ' ';
  let align = alignRaw;
  let body: string | undefined;
  if (v.t === 'str') {
    if (type && type !== 's') return undefined;
    body = precision !== undefined ? [...v.v].slice(0, precision).join('') : v.v;
    align = align ?? '<';
  } else if (v.t === 'num' || v.t === 'bool') {
    const n = Number(v.v);
    const isFloat = v.t === 'num' && v.float === true;
    const t = type ?? (isFloat ? '' : 'd');
    if (zero && !alignRaw) {
      fill = '0';
      align = '=';
    }
    align = align ?? '>';
    let digits: string | undefined;
    const abs = Math.abs(n);
    switch (t) {
      case 'd':
      case 'n':
        if (isFloat) return undefined;
        digits = group(BigInt(Math.trunc(abs)).toString(), grouping);
        break;
      case 'x':
      case 'X':
      case 'o':
      case 'b':
        if (isFloat) return undefined;
        digits = Math.trunc(abs).toString(t === 'o' ? 8 : t === 'b' ? 2 : 16);
        if (t === 'X') digits = digits.toUpperCase();
        if (alt) digits = `0${t}` + digits;
        break;
      case 'f':
      case 'F':
        digits = withGrouping(abs.toFixed(precision ?? 6), grouping);
        break;
      case 'e':
      case 'E': {
        const e = abs.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
        digits = t === 'E' ? e.toUpperCase() : e;
        break;
      }
      case '%':
        digits = (abs * 100).toFixed(precision ?? 6) + '%';
        break;
      case '':
        if (precision !== undefined) return undefined;
        digits = pyStr({ t: 'num', v: abs, float: true });
        break;
      default:
        return undefined;
    }
    if (digits === undefined) return undefined;
    const signText = n < 0 || Object.is(n, -0) ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
    if (align === '=') {
      const pad = Math.max(0, width - signText.length - digits.length);
      return signText + fill.repeat(pad) + digits;
    }
    body = signText + digits;
  } else if (v.t === 'none' || v.t === 'seq' || v.t === 'dict') {
    if (type && type !== 's') return undefined;
    body = pyStr(v);
    align = align ?? '<';
  } else return undefined;
  if (body === undefined) return undefined;
  const length = [...body].length;
  if (width <= length) return body;
  const pad = width - length;
  if (align === '<') return body + fill.repeat(pad);
  if (align === '>') return fill.repeat(pad) + body;
  if (align === '^') return fill.repeat(Math.floor(pad / 2)) + body + fill.repeat(pad - Math.floor(pad / 2));
  return fill.repeat(pad) + body;
}

function group(digits: string, sep: string | undefined): string {
  if (!sep) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

function withGrouping(fixed: string, sep: string | undefined): string {
  if (!sep) return fixed;
  const [int, frac] = fixed.split('.');
  return group(int, sep) + (frac !== undefined ? '.' + frac : '');
}

function hole(v: Value, transform?: string): TemplatePart[] {
  if (!transform) {
    const parts = templateParts(v);
    if (parts) return parts;
  }
  const s: Sym = { desc: describe(v), transforms: transform ? [transform] : [] };
  return [s];
}

/** `fmt % args` for a known format string. */
export function percentFormat(fmt: Value, args: Value, ev: Evaluator): Value | undefined {
  if (fmt.t !== 'str') return undefined;
  const text = fmt.v;
  const re = /%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;
  const positional = args.t === 'seq' && args.kind === 'tuple' ? args.items : [args];
  const mapping = args.t === 'dict' ? args : undefined;
  let index = 0;
  const parts: TemplatePart[] = [];
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    parts.push(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [, key, flags, width, precision, conv] = m;
    if (conv === '%') {
      parts.push('%');
      continue;
    }
    if (width === '*' || precision === '*') return undefined;
    let value: Value | undefined;
    if (key !== undefined) {
      if (!mapping) return undefined;
      value = ev.getitem(mapping, str(key));
    } else value = positional[index++];
    if (!value) return undefined;
    let spec = '';
    if (flags.includes('-')) spec += '<';
    if (flags.includes('+')) spec += '+';
    else if (flags.includes(' ')) spec += ' ';
    if (flags.includes('0') && !flags.includes('-')) spec += '0';
    if (width) spec += width;
    if (precision !== undefined) spec += '.' + precision;
    if (conv === 's' || conv === 'r' || conv === 'a') {
      let asText: Value = value;
      if (conv !== 's') {
        const r = pyRepr(value);
        asText = r === undefined ? value : str(r);
      } else {
        const s = pyStr(value);
        if (s !== undefined) asText = str(s);
      }
      if (asText.t === 'str') {
        const f = formatSpec(asText, (width && !flags.includes('-') ? '>' : '') + spec.replace(/^[+ 0]+/, ''));
        if (f === undefined) return undefined;
        parts.push(f);
      } else parts.push(...hole(asText, conv === 's' && !spec ? undefined : `%${conv}`));
      continue;
    }
    const t = conv === 'i' || conv === 'u' ? 'd' : conv;
    const numeric = value.t === 'num' && t === 'd' ? num(Math.trunc(value.v)) : value;
    const f = numeric.t === 'num' || numeric.t === 'bool' ? formatSpec(numeric, spec + t) : undefined;
    if (f !== undefined) parts.push(f);
    else parts.push(...hole(value, `%${conv}`));
  }
  if (positional.length !== index && !mapping && args.t === 'seq' && args.kind === 'tuple') return undefined;
  parts.push(text.slice(last));
  return fromParts(parts);
}

/** `fmt.format(*args, **kwargs)` for a known format string. */
export function strFormat(fmt: string, args: CallArgs, ev: Evaluator): Value | undefined {
  const parts: TemplatePart[] = [];
  let auto = 0;
  let i = 0;
  let literal = '';
  while (i < fmt.length) {
    const c = fmt[i];
    if (c === '{' && fmt[i + 1] === '{') {
      literal += '{';
      i += 2;
      continue;
    }
    if (c === '}' && fmt[i + 1] === '}') {
      literal += '}';
      i += 2;
      continue;
    }
    if (c !== '{') {
      literal += c;
      i++;
      continue;
    }
    // A replacement field, possibly with one level of nested fields in its spec.
    let depth = 1;
    let j = i + 1;
    while (j < fmt.length && depth > 0) {
      if (fmt[j] === '{') depth++;
      else if (fmt[j] === '}') depth--;
      if (depth > 0) j++;
    }
    if (depth !== 0) return undefined;
    const field = fmt.slice(i + 1, j);
    i = j + 1;
    parts.push(literal);
    literal = '';
    const m = /^([^!:[.]*)((?:\.[A-Za-z_]\w*|\[[^\]]*\])*)(?:!([rsa]))?(?::([\s\S]*))?$/.exec(field);
    if (!m) return undefined;
    const [, head, chain, conversion, specRaw] = m;
    let value: Value | undefined;
    if (head === '') value = args.positional[auto++];
    else if (/^\d+$/.test(head)) value = args.positional[Number(head)];
    else value = args.keywords.get(head);
    if (!value) return undefined;
    for (const step of chain.match(/\.[A-Za-z_]\w*|\[[^\]]*\]/g) ?? []) {
      if (step.startsWith('.')) value = ev.getattr(value, step.slice(1));
      else {
        const key = step.slice(1, -1);
        value = ev.getitem(value, /^\d+$/.test(key) ? num(Number(key)) : str(key));
      }
    }
    if (conversion === 'r' || conversion === 'a') {
      const r = pyRepr(value);
      value = r === undefined ? value : str(r);
    }
    let spec = specRaw ?? '';
    if (spec.includes('{')) {
      const nested = strFormat(spec, args, ev);
      if (!nested || nested.t !== 'str') return undefined;
      spec = nested.v;
    }
    const formatted = formatSpec(value, spec);
    if (formatted !== undefined) parts.push(formatted);
    else parts.push(...hole(value, spec ? `:${spec}` : conversion ? `!${conversion}` : undefined));
  }
  parts.push(literal);
  return fromParts(parts);
}
