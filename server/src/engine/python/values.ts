import type { ClassStmt, DefStmt, Expr } from './ast';

/**
 * The values of the symbolic evaluator. Concrete Python values (str, numbers,
 * lists, dicts) are modelled exactly; what cannot be known statically is a
 * `sym` (an unknown value with a readable description such as `component.name`)
 * or a `tmpl` (a string made of known text and unknown pieces).
 */
export type Value =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number; float?: boolean }
  | { t: 'bool'; v: boolean }
  | { t: 'none' }
  | { t: 'seq'; kind: 'list' | 'tuple' | 'set'; items: Value[] }
  | { t: 'dict'; entries: { key: Value; value: Value }[] }
  | { t: 'tmpl'; parts: TemplatePart[] }
  | { t: 'sym'; sym: Sym }
  | FuncValue
  | ClassValue
  | InstanceValue
  /** An imported module or name that is not evaluated: `prometheus_client.core.GaugeMetricFamily`. */
  | { t: 'external'; path: string }
  /** `Model.objects`: the manager of a Django model. */
  | { t: 'manager'; model: string; modelPath: string; cls?: ClassValue }
  /** A Django queryset (`Model.objects.all()`, `.filter(…)`), iterated with sample rows when there are some. */
  | QuerysetValue
  /** A row of a Django model taken from sample data. */
  | RecordValue
  /** A Python builtin or a method of a built-in type, bound to its receiver. */
  | { t: 'builtin'; name: string; self?: Value }
  /** Objects created by evaluation hooks (metric families). */
  | HostValue;

export interface Sym {
  /** What the value is, as source-like text: `component.name`, `labels.keys()`. */
  desc: string;
  /** String transformations applied to it, in order: `'-'→'_'`, `lower`. */
  transforms: string[];
}

export type TemplatePart = string | Sym;

export interface FuncValue {
  t: 'func';
  name: string;
  def: DefStmt | { kind: 'lambda'; params: DefStmt['params']; bodyExpr: Expr };
  scope: Scope;
  defaults: Map<string, Value>;
  self?: Value;
  moduleKey: string;
}

export interface ClassValue {
  t: 'class';
  name: string;
  def: ClassStmt;
  attrs: Map<string, Value>;
  bases: Value[];
  moduleKey: string;
}

export interface InstanceValue {
  t: 'instance';
  cls: ClassValue;
  attrs: Map<string, Value>;
}

export interface QuerysetValue {
  t: 'queryset';
  model: string;
  modelPath: string;
  cls?: ClassValue;
  filters: { field: string; value: Value; negate: boolean }[];
  /** `values_list('name', flat=True)` / `values('a', 'b')`. */
  shape?: { kind: 'values' | 'values_list'; fields: string[]; flat: boolean };
  desc: string;
}

export interface RecordValue {
  t: 'record';
  model: string;
  cls?: ClassValue;
  fields: Map<string, Value>;
  /** How the row is named in previews: its `name` (or first string) field, else its pk. */
  label: string;
  /** The loop variable it is bound to, for descriptions of unknown attributes. */
  desc: string;
}

export interface HostValue {
  t: 'host';
  kind: string;
  data: unknown;
}

export class Scope {
  readonly vars = new Map<string, Value>();
  readonly globals = new Set<string>();
  constructor(readonly parent?: Scope) {}

  lookup(name: string): Value | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }

  get module(): Scope {
    let s: Scope = this;
    while (s.parent && s.parent.parent) s = s.parent;
    return s;
  }
}

export const NONE: Value = { t: 'none' };
export const str = (v: string): Value => ({ t: 'str', v });
export const num = (v: number, float = false): Value => ({ t: 'num', v, float: float || !Number.isInteger(v) });
export const sym = (desc: string, transforms: string[] = []): Value => ({ t: 'sym', sym: { desc, transforms } });

/** Whether a value is a string whose text is fully known. */
export function isStr(v: Value): v is { t: 'str'; v: string } {
  return v.t === 'str';
}

/** A string-like value (known or template) as template parts; undefined for non-strings. */
export function templateParts(v: Value): TemplatePart[] | undefined {
  if (v.t === 'str') return v.v ? [v.v] : [];
  if (v.t === 'tmpl') return v.parts;
  if (v.t === 'sym') return [v.sym];
  return undefined;
}

/** Builds a string value from parts, collapsing to a plain `str` when nothing is unknown. */
export function fromParts(parts: TemplatePart[]): Value {
  const merged: TemplatePart[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      if (!p) continue;
      if (typeof merged[merged.length - 1] === 'string') merged[merged.length - 1] = (merged[merged.length - 1] as string) + p;
      else merged.push(p);
    } else merged.push(p);
  }
  if (merged.every((p) => typeof p === 'string')) return str(merged.join(''));
  return { t: 'tmpl', parts: merged };
}

/** `{component.name | '-'→'_'}` */
export function renderSym(s: Sym): string {
  return `{${[s.desc, ...s.transforms].join(' | ')}}`;
}

/** Renders a string-like value as a template: known text as is, unknown pieces in braces. */
export function renderTemplate(v: Value): string {
  const parts = templateParts(v);
  if (!parts) return renderSym({ desc: describe(v), transforms: [] });
  return parts.map((p) => (typeof p === 'string' ? p : renderSym(p))).join('');
}

/** A short, source-like description of any value. */
export function describe(v: Value): string {
  switch (v.t) {
    case 'str':
      return pyRepr(v) ?? "?";
    case 'num':
    case 'bool':
    case 'none':
      return pyStr(v) ?? '?';
    case 'tmpl':
      return renderTemplate(v);
    case 'sym':
      return v.sym.transforms.length ? `(${renderSym(v.sym).slice(1, -1)})` : v.sym.desc;
    case 'seq':
      return v.kind === 'tuple' ? `(${v.items.map(describe).join(', ')})` : `[${v.items.map(describe).join(', ')}]`;
    case 'dict':
      return `{${v.entries.map((e) => `${describe(e.key)}: ${describe(e.value)}`).join(', ')}}`;
    case 'external':
      return v.path;
    case 'func':
    case 'class':
      return v.name;
    case 'instance':
      return `${v.cls.name}()`;
    case 'manager':
      return `${v.model}.objects`;
    case 'queryset':
      return v.desc;
    case 'record':
      return v.desc;
    case 'builtin':
      return v.name;
    case 'host':
      return v.kind;
  }
}

/** Python's `str()` of a concrete value; undefined when the value is not known. */
export function pyStr(v: Value): string | undefined {
  switch (v.t) {
    case 'str':
      return v.v;
    case 'num':
      return formatNumber(v.v, v.float === true);
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'seq':
    case 'dict':
      return pyRepr(v);
    default:
      return undefined;
  }
}

export function formatNumber(n: number, float: boolean): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (!float) return BigInt(Math.trunc(n)).toString();
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  // JavaScript and Python both print the shortest round-tripping digits; only the exponent differs.
  return String(n).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's `repr()` of a concrete value. */
export function pyRepr(v: Value): string | undefined {
  switch (v.t) {
    case 'str': {
      const useDouble = v.v.includes("'") && !v.v.includes('"');
      const q = useDouble ? '"' : "'";
      let body = '';
      for (const ch of v.v) {
        if (ch === '\\') body += '\\\\';
        else if (ch === q) body += '\\' + q;
        else if (ch === '\n') body += '\\n';
        else if (ch === '\r') body += '\\r';
        else if (ch === '\t') body += '\\t';
        else if (ch < ' ' || ch === '\x7f') body += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
        else body += ch;
      }
      return q + body + q;
    }
    case 'seq': {
      const items = v.items.map(pyRepr);
      if (items.some((i) => i === undefined)) return undefined;
      if (v.kind === 'tuple') return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
      if (v.kind === 'set') return items.length ? `{${items.join(', ')}}` : 'set()';
      return `[${items.join(', ')}]`;
    }
    case 'dict': {
      const entries = v.entries.map((e) => [pyRepr(e.key), pyRepr(e.value)]);
      if (entries.some(([k, x]) => k === undefined || x === undefined)) return undefined;
      return `{${entries.map(([k, x]) => `${k}: ${x}`).join(', ')}}`;
    }
    default:
      return pyStr(v);
  }
}

/** Python truthiness; undefined when unknown. */
export function truthy(v: Value): boolean | undefined {
  switch (v.t) {
    case 'str':
      return v.v.length > 0;
    case 'num':
      return v.v !== 0;
    case 'bool':
      return v.v;
    case 'none':
      return false;
    case 'seq':
      return v.items.length > 0;
    case 'dict':
      return v.entries.length > 0;
    case 'tmpl':
      return v.parts.some((p) => typeof p === 'string' && p.length > 0) ? true : undefined;
    case 'func':
    case 'class':
    case 'instance':
    case 'builtin':
    case 'record':
    case 'host':
    case 'manager':
      return true;
    default:
      return undefined;
  }
}

/** Python `==` on values; undefined when unknown. Unknown values equal themselves by description. */
export function pyEquals(a: Value, b: Value): boolean | undefined {
  if ((a.t === 'num' || a.t === 'bool') && (b.t === 'num' || b.t === 'bool')) return Number(a.v) === Number(b.v);
  if (a.t === 'str' && b.t === 'str') return a.v === b.v;
  if (a.t === 'none' || b.t === 'none') {
    if (a.t === 'none' && b.t === 'none') return true;
    const other = a.t === 'none' ? b : a;
    return other.t === 'sym' || other.t === 'tmpl' ? undefined : false;
  }
  if (a.t === 'seq' && b.t === 'seq') {
    if (a.kind !== b.kind && (a.kind === 'set' || b.kind === 'set' || a.kind !== b.kind)) return false;
    if (a.items.length !== b.items.length) return false;
    let all: boolean | undefined = true;
    for (let i = 0; i < a.items.length; i++) {
      const e = pyEquals(a.items[i], b.items[i]);
      if (e === false) return false;
      if (e === undefined) all = undefined;
    }
    return all;
  }
  if ((a.t === 'sym' || a.t === 'tmpl') && (b.t === 'sym' || b.t === 'tmpl' || b.t === 'str')) {
    return renderTemplate(a) === renderTemplate(b) ? true : undefined;
  }
  if (a.t === 'str' && (b.t === 'sym' || b.t === 'tmpl')) return undefined;
  if (a.t === 'record' && b.t === 'record') return a === b;
  if (a.t === 'sym' || b.t === 'sym') return undefined;
  return a === b ? true : undefined;
}

/** A concrete value (or nested structure of them) from JSON/YAML data. */
export function fromData(data: unknown): Value {
  if (data === null || data === undefined) return NONE;
  if (typeof data === 'string') return str(data);
  if (typeof data === 'number') return num(data, !Number.isInteger(data));
  if (typeof data === 'boolean') return { t: 'bool', v: data };
  if (Array.isArray(data)) return { t: 'seq', kind: 'list', items: data.map(fromData) };
  if (data instanceof Date) return str(data.toISOString());
  if (typeof data === 'object') {
    return { t: 'dict', entries: Object.entries(data as Record<string, unknown>).map(([k, v]) => ({ key: str(k), value: fromData(v) })) };
  }
  return sym(String(data));
}
