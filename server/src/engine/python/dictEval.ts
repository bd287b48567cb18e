import type { Expr, PyModule, Span, Stmt } from './ast';
import { dottedName } from './ast';

/**
 * Located, static evaluation of a Python module's top level: literals, names
 * bound at module level, lists/tuples/sets/dicts (with `**` spreads, `dict()`,
 * item assignments and `update()` calls replayed in order, aliasing included),
 * attribute paths of imported modules and reads of environment variables.
 * Nothing of the user's is executed and no function is called: a call of
 * anything else is kept as a `call` value (its callee's dotted path), and what
 * cannot be known becomes `unknown`. Every value keeps the span of the source
 * text it was made from, so that checks built on it can point there.
 *
 * Configuration modules (gunicorn.conf.py, Django settings) are plain
 * straight-line code, which this models exactly; anything assigned inside a
 * branch, loop, `try` or `with` whose outcome is not known becomes `unknown`.
 */

export type PyVal = Span &
  (
    | { k: 'str'; v: string }
    | { k: 'int'; v: number }
    | { k: 'float'; v: number }
    | { k: 'bool'; v: boolean }
    | { k: 'none' }
    | { k: 'list' | 'tuple' | 'set'; items: PyVal[]; open?: boolean }
    | { k: 'dict'; entries: DictEntry[]; open?: boolean }
    | { k: 'range'; start: number; stop: number; step: number }
    /** An imported module or one of its attributes: `logging.StreamHandler`, `sys.stdout`. */
    | { k: 'ref'; path: string }
    /** A call of an imported callable, not evaluated: `structlog.processors.JSONRenderer()`. */
    | { k: 'call'; callee: string; args: PyVal[]; kwargs: [string, PyVal][] }
    /** A function or class defined in the module. */
    | { k: 'func'; name: string }
    /** Not known statically; `env` lists the environment variables it depends on. */
    | { k: 'unknown'; why: string; env?: string[] }
    /** Evaluating this raises when the module is imported (`int(None)`, a missing `os.environ[...]`). */
    | { k: 'raise'; why: string }
  );

export interface DictEntry {
  key: PyVal;
  value: PyVal;
  /** Where the key and the value were written (for `**spread` entries: the spread's source). */
  keySpan: Span;
  valueSpan: Span;
}

/** An environment: a variable's value, undefined when it is not set, null when that is not known. */
export type EnvLookup = (name: string) => string | undefined | null;

export interface EvalOptions {
  /** The environment the module runs in; without one, environment reads are `unknown`. */
  env?: EnvLookup;
  /** Spans of syntax errors: statements overlapping them bind `unknown`. */
  errors?: readonly Span[];
}

/** One module-level statement that bound a name. */
export interface Binding {
  stmt: Stmt;
  /** The target as written (`workers` in `workers = 4`). */
  target: Span;
  /** The assigned expression; undefined for imports, defs and other bindings. */
  value?: Expr;
  /** Bound inside a branch, loop, `try` or `with`. */
  conditional: boolean;
}

const LOGGING_LEVELS: Record<string, number> = { CRITICAL: 50, FATAL: 50, ERROR: 40, WARNING: 30, WARN: 30, INFO: 20, DEBUG: 10, NOTSET: 0 };
const MAX_ITEMS = 100_000;
const MAX_STRING = 1_000_000;

export function isKnownScalar(v: PyVal): v is PyVal & { k: 'str' | 'int' | 'float' | 'bool' | 'none' } {
  return v.k === 'str' || v.k === 'int' || v.k === 'float' || v.k === 'bool' || v.k === 'none';
}

/** Python truthiness; undefined when unknown. */
export function pyTruthy(v: PyVal): boolean | undefined {
  switch (v.k) {
    case 'str':
      return v.v.length > 0;
    case 'int':
    case 'float':
      return v.v !== 0;
    case 'bool':
      return v.v;
    case 'none':
      return false;
    case 'list':
    case 'tuple':
    case 'set':
      return v.items.length > 0 ? true : v.open ? undefined : false;
    case 'dict':
      return v.entries.length > 0 ? true : v.open ? undefined : false;
    case 'range':
      return rangeLength(v) > 0;
    case 'ref':
    case 'func':
      return true;
    default:
      return undefined;
  }
}

export function rangeLength(r: { start: number; stop: number; step: number }): number {
  if (r.step > 0) return Math.max(0, Math.ceil((r.stop - r.start) / r.step));
  if (r.step < 0) return Math.max(0, Math.ceil((r.start - r.stop) / -r.step));
  return 0;
}

/** Python `==` between known values; undefined when either side is not known. */
export function pyEq(a: PyVal, b: PyVal): boolean | undefined {
  const num = (v: PyVal) => (v.k === 'int' || v.k === 'float' ? v.v : v.k === 'bool' ? Number(v.v) : undefined);
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (a.k === 'str' && b.k === 'str') return a.v === b.v;
  if (a.k === 'none' || b.k === 'none') return isKnownScalar(a) && isKnownScalar(b) ? a.k === b.k : undefined;
  if (isKnownScalar(a) && isKnownScalar(b)) return false;
  return undefined;
}

/** The entry of a dict for a key, the last one written winning; undefined when absent. */
export function dictGet(d: PyVal & { k: 'dict' }, key: string): DictEntry | undefined {
  for (let i = d.entries.length - 1; i >= 0; i--) {
    const k = d.entries[i].key;
    if (k.k === 'str' && k.v === key) return d.entries[i];
  }
  return undefined;
}

/** Whether a dict certainly has no entry for `key` (false when it may have one). */
export function dictLacks(d: PyVal & { k: 'dict' }, key: string): boolean {
  if (dictGet(d, key)) return false;
  return !d.open && d.entries.every((e) => e.key.k === 'str' || isKnownScalar(e.key));
}

/** Source-like text of a value, for messages and hovers. */
export function describeValue(v: PyVal, depth = 0): string {
  if (depth > 4) return '…';
  switch (v.k) {
    case 'str':
      return JSON.stringify(v.v);
    case 'int':
    case 'float':
      return String(v.v);
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'list':
    case 'tuple':
    case 'set': {
      const inner = v.items.slice(0, 8).map((i) => describeValue(i, depth + 1));
      if (v.items.length > 8 || v.open) inner.push('…');
      const [open, close] = v.k === 'list' ? ['[', ']'] : v.k === 'tuple' ? ['(', ')'] : ['{', '}'];
      return open + inner.join(', ') + (v.k === 'tuple' && v.items.length === 1 ? ',' : '') + close;
    }
    case 'dict': {
      const inner = v.entries.slice(0, 6).map((e) => `${describeValue(e.key, depth + 1)}: ${describeValue(e.value, depth + 1)}`);
      if (v.entries.length > 6 || v.open) inner.push('…');
      return `{${inner.join(', ')}}`;
    }
    case 'range':
      return v.step === 1 ? `range(${v.start}, ${v.stop})` : `range(${v.start}, ${v.stop}, ${v.step})`;
    case 'ref':
      return v.path;
    case 'call':
      return `${v.callee}(…)`;
    case 'func':
      return v.name;
    case 'unknown':
    case 'raise':
      return `<${v.why}>`;
  }
}

class StaticScope {
  readonly vars = new Map<string, PyVal>();
}

/** Statements a compound statement contains, at any depth (bodies of functions and classes excluded). */
function nestedStatements(stmt: Stmt, out: Stmt[] = []): Stmt[] {
  const bodies: Stmt[][] = [];
  switch (stmt.kind) {
    case 'if':
    case 'for':
    case 'while':
      bodies.push(stmt.body, stmt.orelse);
      break;
    case 'try':
      bodies.push(stmt.body, ...stmt.handlers.map((h) => h.body), stmt.orelse, stmt.finalbody);
      break;
    case 'with':
      bodies.push(stmt.body);
      break;
    case 'other':
      bodies.push(stmt.children);
      break;
    default:
      break;
  }
  for (const body of bodies) {
    for (const s of body) {
      out.push(s);
      nestedStatements(s, out);
    }
  }
  return out;
}

/** The root name an assignment target or method receiver is rooted at: `a` for `a["x"][0]`, `a.b`. */
function rootName(expr: Expr): string | undefined {
  let e: Expr = expr;
  for (;;) {
    if (e.kind === 'name') return e.id;
    if (e.kind === 'subscript' || e.kind === 'attr') e = e.value;
    else return undefined;
  }
}

/**
 * Runs a module's top level statically. `scope` holds what `vars(module)`
 * would hold afterwards (what gunicorn and Django read).
 */
export class StaticModule {
  private readonly scope = new StaticScope();
  private readonly bindingsByName = new Map<string, Binding[]>();
  private steps = 0;
  private readonly budget: number;

  constructor(
    readonly module: PyModule,
    private readonly options: EvalOptions = {},
  ) {
    this.budget = 50_000 + module.text.length;
    for (const stmt of module.body) {
      if (this.steps > this.budget) {
        this.poisonFrom(stmt);
        continue;
      }
      this.exec(stmt);
    }
  }

  /** The value a module-level name holds after the module ran; undefined when it is never bound. */
  final(name: string): PyVal | undefined {
    return this.scope.vars.get(name);
  }

  /** The module-level statements that bound `name`, in order. */
  bindings(name: string): readonly Binding[] {
    return this.bindingsByName.get(name) ?? [];
  }

  /** Every module-level name bound. */
  names(): string[] {
    return [...this.scope.vars.keys()];
  }

  /** Evaluates an expression against the module's final scope (for hovers and ad-hoc questions). */
  evaluate(expr: Expr): PyVal {
    return this.ev(expr);
  }

  private inError(span: Span): boolean {
    return touchesError(this.options.errors ?? this.module.errors, span);
  }

  private unknown(span: Span, why: string, env?: string[]): PyVal {
    return env && env.length ? { k: 'unknown', why, env, from: span.from, to: span.to } : { k: 'unknown', why, from: span.from, to: span.to };
  }

  private record(name: string, binding: Binding): void {
    let list = this.bindingsByName.get(name);
    if (!list) this.bindingsByName.set(name, (list = []));
    list.push(binding);
  }

  /** Statements that the budget did not reach: whatever they bind is unknown. */
  private poisonFrom(stmt: Stmt): void {
    for (const name of this.boundNames(stmt)) this.scope.vars.set(name, this.unknown(stmt, 'file too large to evaluate'));
  }

  private boundNames(stmt: Stmt): string[] {
    const names: string[] = [];
    const addTarget = (t: Expr) => {
      if (t.kind === 'name') names.push(t.id);
      else if (t.kind === 'tuple' || t.kind === 'list') t.elts.forEach((e) => addTarget(e.kind === 'starred' ? e.value : e));
    };
    for (const s of [stmt, ...nestedStatements(stmt)]) {
      switch (s.kind) {
        case 'assign':
          s.targets.forEach(addTarget);
          break;
        case 'augassign':
        case 'annassign':
          addTarget(s.target);
          break;
        case 'for':
          addTarget(s.target);
          break;
        case 'with':
          for (const item of s.items) if (item.target) addTarget(item.target);
          break;
        case 'import':
          for (const n of s.names) names.push(n.asname ?? n.name.split('.')[0]);
          break;
        case 'from':
          for (const n of s.names) names.push(n.asname ?? n.name);
          break;
        case 'def':
        case 'class':
          names.push(s.name);
          break;
        case 'try':
          for (const h of s.handlers) if (h.name) names.push(h.name);
          break;
        default:
          break;
      }
    }
    return names;
  }

  /** Containers a statement may change in place: `x[...] = …`, `x.update(…)`, `f(x)`. */
  private mutatedRoots(stmt: Stmt): string[] {
    const roots: string[] = [];
    for (const s of [stmt, ...nestedStatements(stmt)]) {
      if (s.kind === 'assign') for (const t of s.targets) if (t.kind !== 'name') roots.push(rootName(t) ?? '');
      if (s.kind === 'augassign' || s.kind === 'del') {
        const targets = s.kind === 'del' ? s.targets : [s.target];
        for (const t of targets) roots.push(rootName(t) ?? '');
      }
      if (s.kind === 'expr' && s.value.kind === 'call') {
        if (s.value.func.kind === 'attr') roots.push(rootName(s.value.func.value) ?? '');
        for (const arg of s.value.args) roots.push(rootName(arg.value) ?? '');
      }
    }
    return roots.filter((r) => r);
  }

  /** A statement whose effect is not known: everything it may bind or change becomes unknown. */
  private forget(stmt: Stmt, why: string): void {
    for (const name of this.boundNames(stmt)) {
      this.scope.vars.set(name, this.unknown(stmt, why));
      this.record(name, { stmt, target: stmt, conditional: true });
    }
    for (const root of this.mutatedRoots(stmt)) {
      const v = this.scope.vars.get(root);
      if (v) this.open(v);
    }
  }

  /** Marks a container (and what it holds) as possibly holding more than is known. */
  private open(v: PyVal, seen = new Set<PyVal>()): void {
    if (seen.has(v)) return;
    seen.add(v);
    if (v.k === 'dict') {
      v.open = true;
      for (const e of v.entries) this.open(e.value, seen);
    } else if (v.k === 'list' || v.k === 'tuple' || v.k === 'set') {
      v.open = true;
      for (const i of v.items) this.open(i, seen);
    }
  }

  private tick(): boolean {
    return ++this.steps <= this.budget;
  }

  // ---- statements

  private exec(stmt: Stmt): void {
    this.tick();
    if (this.inError(trimSpan(this.module.text, stmt))) {
      this.forget(stmt, 'syntax error');
      return;
    }
    switch (stmt.kind) {
      case 'import':
        for (const n of stmt.names) {
          const local = n.asname ?? n.name.split('.')[0];
          const path = n.asname ? n.name : n.name.split('.')[0];
          this.scope.vars.set(local, { k: 'ref', path, from: n.span.from, to: n.span.to });
          this.record(local, { stmt, target: n.span, conditional: false });
        }
        return;
      case 'from': {
        if (stmt.star) {
          // Names from `import *` are not known; leave existing names alone but note the uncertainty.
          return;
        }
        const base = '.'.repeat(stmt.level) + stmt.module;
        for (const n of stmt.names) {
          const local = n.asname ?? n.name;
          const path = base.endsWith('.') || !base ? `${base}${n.name}` : `${base}.${n.name}`;
          this.scope.vars.set(local, { k: 'ref', path, from: n.span.from, to: n.span.to });
          this.record(local, { stmt, target: n.span, conditional: false });
        }
        return;
      }
      case 'assign': {
        const value = this.ev(stmt.value);
        for (const target of stmt.targets) this.assign(target, value, stmt);
        return;
      }
      case 'annassign':
        return;
      case 'augassign': {
        const current = this.ev(stmt.target);
        const operand = this.ev(stmt.value);
        if (stmt.op === '+' && current.k === 'list') {
          const items = this.iterate(operand);
          if (items) current.items.push(...items);
          else current.open = true;
          return;
        }
        if (stmt.op === '|' && current.k === 'dict' && operand.k === 'dict') {
          this.update(current, operand);
          return;
        }
        this.assign(stmt.target, this.binop(stmt.op, current, operand, stmt), stmt);
        return;
      }
      case 'expr':
        this.effect(stmt.value);
        return;
      case 'def':
      case 'class':
        this.scope.vars.set(stmt.name, { k: 'func', name: stmt.name, from: stmt.nameSpan.from, to: stmt.nameSpan.to });
        this.record(stmt.name, { stmt, target: stmt.nameSpan, conditional: false });
        return;
      case 'del':
        for (const t of stmt.targets) {
          if (t.kind === 'name') this.scope.vars.delete(t.id);
          else if (t.kind === 'subscript') {
            const obj = this.ev(t.value);
            const key = this.ev(t.index);
            if (obj.k === 'dict') {
              if (isKnownScalar(key)) obj.entries = obj.entries.filter((e) => pyEq(e.key, key) !== true);
              else obj.open = true;
            } else this.open(obj);
          }
        }
        return;
      case 'if': {
        const test = pyTruthy(this.ev(stmt.test));
        if (test === true) stmt.body.forEach((s) => this.exec(s));
        else if (test === false) stmt.orelse.forEach((s) => this.exec(s));
        else this.forget(stmt, 'set in a branch whose condition is not known');
        return;
      }
      case 'pass':
      case 'assert':
      case 'global':
      case 'nonlocal':
      case 'break':
      case 'continue':
      case 'return':
      case 'raise':
        return;
      default:
        this.forget(stmt, `set inside a ${stmt.kind === 'other' ? 'statement' : `\`${stmt.kind}\``} block`);
        return;
    }
  }

  private assign(target: Expr, value: PyVal, stmt: Stmt): void {
    switch (target.kind) {
      case 'name':
        this.scope.vars.set(target.id, value);
        this.record(target.id, { stmt, target, value: stmt.kind === 'assign' ? stmt.value : undefined, conditional: false });
        return;
      case 'tuple':
      case 'list': {
        const items = this.iterate(value);
        const plain = target.elts.every((e) => e.kind !== 'starred');
        target.elts.forEach((elt, i) => {
          const v = items && plain && items.length === target.elts.length ? items[i] : this.unknown(elt, 'unpacked value');
          this.assign(elt.kind === 'starred' ? elt.value : elt, v, stmt);
        });
        return;
      }
      case 'subscript': {
        const obj = this.ev(target.value);
        const key = this.ev(target.index);
        if (obj.k === 'dict') {
          if (!isKnownScalar(key)) {
            obj.open = true;
            return;
          }
          const existing = obj.entries.find((e) => pyEq(e.key, key) === true);
          if (existing) {
            existing.value = value;
            existing.valueSpan = stmt.kind === 'assign' ? stmt.value : target;
          } else obj.entries.push({ key, value, keySpan: target.index, valueSpan: stmt.kind === 'assign' ? stmt.value : target });
        } else if (obj.k === 'list' && key.k === 'int') {
          const i = key.v < 0 ? obj.items.length + key.v : key.v;
          if (i >= 0 && i < obj.items.length) obj.items[i] = value;
        } else this.open(obj);
        return;
      }
      default:
        return;
    }
  }

  /** An expression statement: method calls that change a container in place. */
  private effect(expr: Expr): void {
    if (expr.kind !== 'call') {
      this.ev(expr);
      return;
    }
    if (expr.func.kind === 'attr') {
      const receiver = this.ev(expr.func.value);
      const method = expr.func.attr;
      const args = expr.args.filter((a) => !a.name && !a.star).map((a) => this.ev(a.value));
      if (receiver.k === 'dict') {
        if (method === 'update' && expr.args.every((a) => !a.star)) {
          for (const arg of expr.args) {
            if (arg.name) receiver.entries.push({ key: { k: 'str', v: arg.name, from: arg.from, to: arg.to }, value: this.ev(arg.value), keySpan: arg, valueSpan: arg.value });
            else {
              const v = this.ev(arg.value);
              if (v.k === 'dict') this.update(receiver, v);
              else receiver.open = true;
            }
          }
          return;
        }
        if (method === 'setdefault' && args.length >= 1 && isKnownScalar(args[0])) {
          if (!receiver.entries.some((e) => pyEq(e.key, args[0]) === true)) {
            receiver.entries.push({ key: args[0], value: args[1] ?? { k: 'none', from: expr.from, to: expr.to }, keySpan: expr.args[0].value, valueSpan: expr.args[1]?.value ?? expr });
          }
          return;
        }
        if (method === 'pop' && args.length >= 1 && isKnownScalar(args[0])) {
          receiver.entries = receiver.entries.filter((e) => pyEq(e.key, args[0]) !== true);
          return;
        }
        if (method === 'get' || method === 'copy' || method === 'keys' || method === 'values' || method === 'items') return;
      }
      if (receiver.k === 'list') {
        if (method === 'append' && args.length === 1) {
          receiver.items.push(args[0]);
          return;
        }
        if (method === 'extend' && args.length === 1) {
          const items = this.iterate(args[0]);
          if (items) receiver.items.push(...items);
          else receiver.open = true;
          return;
        }
        if (method === 'insert' && args.length === 2 && args[0].k === 'int') {
          receiver.items.splice(args[0].v, 0, args[1]);
          return;
        }
      }
      if (receiver.k === 'dict' || receiver.k === 'list' || receiver.k === 'set') {
        this.open(receiver);
        return;
      }
    }
    // A call of something else: a function of the module may change what it is given (or any global).
    const callee = this.ev(expr.func);
    if (callee.k === 'ref') return;
    for (const arg of expr.args) this.open(this.ev(arg.value));
    if (callee.k === 'func') for (const v of this.scope.vars.values()) this.open(v);
  }

  /** `target.update(source)`: later keys replace earlier ones in place, new keys go last. */
  private update(target: PyVal & { k: 'dict' }, source: PyVal & { k: 'dict' }): void {
    for (const e of source.entries) {
      const existing = target.entries.find((t) => pyEq(t.key, e.key) === true);
      if (existing) {
        existing.value = e.value;
        existing.valueSpan = e.valueSpan;
      } else target.entries.push({ ...e });
    }
    if (source.open) target.open = true;
  }

  // ---- expressions

  private ev(expr: Expr): PyVal {
    if (!this.tick()) return this.unknown(expr, 'file too large to evaluate');
    if (this.inError(expr)) return this.unknown(expr, 'syntax error');
    const span = { from: expr.from, to: expr.to };
    switch (expr.kind) {
      case 'str':
        return expr.bytes ? this.unknown(span, 'bytes') : { k: 'str', v: expr.value, ...span };
      case 'fstr': {
        let out = '';
        const env: string[] = [];
        for (const part of expr.parts) {
          if (typeof part === 'string') {
            out += part;
            continue;
          }
          if (part.spec || part.conversion || part.selfDoc) return this.unknown(span, 'formatted string');
          const v = this.ev(part.expr);
          const s = pyStrOf(v);
          if (s === undefined) {
            if (v.k === 'unknown' && v.env) env.push(...v.env);
            return this.unknown(span, 'formatted string', env);
          }
          out += s;
        }
        return { k: 'str', v: out, ...span };
      }
      case 'num': {
        if (Number.isNaN(expr.value)) return this.unknown(span, 'complex number');
        const isFloat = /[.eE]/.test(expr.text) && !/^0[xXoObB]/.test(expr.text);
        return isFloat ? { k: 'float', v: expr.value, ...span } : { k: 'int', v: expr.value, ...span };
      }
      case 'const':
        if (expr.value === null) return { k: 'none', ...span };
        if (expr.value === 'ellipsis') return this.unknown(span, 'Ellipsis');
        return { k: 'bool', v: expr.value, ...span };
      case 'name': {
        const bound = this.scope.vars.get(expr.id);
        if (bound) return bound;
        if (expr.id === 'True' || expr.id === 'False') return { k: 'bool', v: expr.id === 'True', ...span };
        return this.unknown(span, `name ${expr.id} is not defined at module level`);
      }
      case 'attr': {
        const base = this.ev(expr.value);
        if (base.k === 'ref') {
          const path = `${base.path}.${expr.attr}`;
          if (path.startsWith('logging.') && path.split('.').length === 2 && expr.attr in LOGGING_LEVELS) return { k: 'int', v: LOGGING_LEVELS[expr.attr], ...span };
          return { k: 'ref', path, ...span };
        }
        if (base.k === 'unknown') return this.unknown(span, base.why, base.env);
        return this.unknown(span, `attribute ${expr.attr} of ${describeValue(base)}`);
      }
      case 'subscript': {
        const obj = this.ev(expr.value);
        const key = this.ev(expr.index);
        return this.getitem(obj, key, expr);
      }
      case 'list':
      case 'tuple':
      case 'set': {
        const items: PyVal[] = [];
        let open = false;
        for (const elt of expr.elts) {
          if (elt.kind === 'starred') {
            const inner = this.iterate(this.ev(elt.value));
            if (inner) items.push(...inner);
            else open = true;
          } else items.push(this.ev(elt));
        }
        return open ? { k: expr.kind, items, open, ...span } : { k: expr.kind, items, ...span };
      }
      case 'dict': {
        const d: PyVal & { k: 'dict' } = { k: 'dict', entries: [], ...span };
        // Large literals: find repeated keys through an index instead of a scan per key.
        const byKey = new Map<string, DictEntry>();
        for (const entry of expr.entries) {
          if ('spread' in entry) {
            const source = this.ev(entry.spread);
            if (source.k === 'dict') {
              this.update(d, { ...source, entries: source.entries.map((e) => ({ ...e })) });
              byKey.clear();
              for (const e of d.entries) if (isKnownScalar(e.key)) byKey.set(keyId(e.key), e);
            } else d.open = true;
            continue;
          }
          const key = this.ev(entry.key);
          const value = this.ev(entry.value);
          if (!isKnownScalar(key)) {
            d.open = true;
            continue;
          }
          const existing = byKey.get(keyId(key));
          if (existing) {
            // Python keeps the first key object and its position, with the last value.
            existing.value = value;
            existing.valueSpan = { from: entry.value.from, to: entry.value.to };
          } else {
            const created: DictEntry = { key, value, keySpan: { from: entry.key.from, to: entry.key.to }, valueSpan: { from: entry.value.from, to: entry.value.to } };
            d.entries.push(created);
            byKey.set(keyId(key), created);
          }
        }
        return d;
      }
      case 'binop': {
        if (expr.op === 'and' || expr.op === 'or') {
          const left = this.ev(expr.left);
          const t = pyTruthy(left);
          if (t === undefined) return this.unknown(span, 'boolean operation', envOf(left));
          return (expr.op === 'and') === t ? this.ev(expr.right) : left;
        }
        return this.binop(expr.op, this.ev(expr.left), this.ev(expr.right), span);
      }
      case 'unary': {
        const v = this.ev(expr.operand);
        if (expr.op === '-' && (v.k === 'int' || v.k === 'float')) return { ...v, v: -v.v, ...span };
        if (expr.op === '+' && (v.k === 'int' || v.k === 'float')) return { ...v, ...span };
        if (expr.op === 'not') {
          const t = pyTruthy(v);
          return t === undefined ? this.unknown(span, 'negation', envOf(v)) : { k: 'bool', v: !t, ...span };
        }
        return this.unknown(span, 'unary operation', envOf(v));
      }
      case 'ifexp': {
        const test = this.ev(expr.test);
        const t = pyTruthy(test);
        if (t === true) return this.ev(expr.body);
        if (t === false) return this.ev(expr.orelse);
        return this.unknown(span, 'conditional expression', envOf(test));
      }
      case 'call':
        return this.call(expr);
      case 'lambda':
        return { k: 'func', name: '<lambda>', ...span };
      default:
        return this.unknown(span, `${expr.kind} expression`);
    }
  }

  private getitem(obj: PyVal, key: PyVal, span: Span): PyVal {
    if (obj.k === 'ref' && obj.path === 'os.environ') return this.envRead(key, span, 'item');
    if (obj.k === 'dict' && isKnownScalar(key)) {
      const entry = obj.entries.find((e) => pyEq(e.key, key) === true);
      if (entry) return entry.value;
      return obj.open ? this.unknown(span, 'key may be set elsewhere') : { k: 'raise', why: `KeyError: ${describeValue(key)}`, from: span.from, to: span.to };
    }
    if ((obj.k === 'list' || obj.k === 'tuple') && key.k === 'int' && !obj.open) {
      const i = key.v < 0 ? obj.items.length + key.v : key.v;
      return obj.items[i] ?? { k: 'raise', why: 'IndexError', from: span.from, to: span.to };
    }
    return this.unknown(span, 'subscript', [...(envOf(obj) ?? []), ...(envOf(key) ?? [])]);
  }

  /** `os.environ.get(name, default)`, `os.getenv(name, default)`, `os.environ[name]`. */
  private envRead(nameValue: PyVal, span: Span, form: 'get' | 'item', fallback?: PyVal): PyVal {
    if (nameValue.k !== 'str') return this.unknown(span, 'environment variable with a computed name');
    const name = nameValue.v;
    const env = this.options.env;
    if (!env) return this.unknown(span, `environment variable ${name}`, [name]);
    const value = env(name);
    if (value === null) return this.unknown(span, `environment variable ${name}`, [name]);
    if (value !== undefined) return { k: 'str', v: value, from: span.from, to: span.to };
    if (form === 'item') return { k: 'raise', why: `KeyError: ${name} is not set`, from: span.from, to: span.to };
    return fallback ?? { k: 'none', from: span.from, to: span.to };
  }

  private call(expr: Expr & { kind: 'call' }): PyVal {
    const span = { from: expr.from, to: expr.to };
    if (expr.args.some((a) => a.star)) return this.unknown(span, 'call with * arguments');
    const callee = this.ev(expr.func);
    const positional = expr.args.filter((a) => !a.name).map((a) => this.ev(a.value));
    const keywords = new Map(expr.args.filter((a) => a.name).map((a) => [a.name!, this.ev(a.value)] as const));
    // Methods of known values.
    if (expr.func.kind === 'attr') {
      const receiver = this.ev(expr.func.value);
      const method = expr.func.attr;
      if (receiver.k === 'dict') {
        if (method === 'get' && positional.length >= 1 && isKnownScalar(positional[0])) {
          const entry = receiver.entries.find((e) => pyEq(e.key, positional[0]) === true);
          if (entry) return entry.value;
          return receiver.open ? this.unknown(span, 'key may be set elsewhere') : positional[1] ?? { k: 'none', ...span };
        }
        if (method === 'copy') return { ...receiver, entries: receiver.entries.map((e) => ({ ...e })), ...span };
      }
      if ((receiver.k === 'list' || receiver.k === 'tuple') && method === 'copy') return { ...receiver, items: [...receiver.items], ...span };
      if (receiver.k === 'str') {
        const s = receiver.v;
        const simple: Record<string, () => string> = { upper: () => s.toUpperCase(), lower: () => s.toLowerCase(), strip: () => s.trim(), lstrip: () => s.trimStart(), rstrip: () => s.trimEnd() };
        if (method in simple && positional.length === 0) return { k: 'str', v: simple[method](), ...span };
        if (method === 'join' && positional.length === 1) {
          const items = this.iterate(positional[0]);
          if (items && items.every((i) => i.k === 'str')) return { k: 'str', v: items.map((i) => (i as { v: string }).v).join(s), ...span };
        }
      }
    }
    if (callee.k === 'ref') {
      const path = this.canonical(callee.path);
      if (path === 'os.environ.get' || path === 'os.getenv') return this.envRead(positional[0] ?? { k: 'none', ...span }, span, 'get', positional[1] ?? keywords.get('default'));
      if (path === 'copy.deepcopy') return positional[0] ? deepCopy(positional[0]) : this.unknown(span, 'deepcopy()');
      if (path === 'copy.copy') return positional[0] ? shallowCopy(positional[0]) : this.unknown(span, 'copy()');
      return { k: 'call', callee: callee.path, args: positional, kwargs: [...keywords], ...span };
    }
    if (callee.k === 'unknown' && expr.func.kind === 'name') {
      const builtin = this.builtin(expr.func.id, positional, keywords, span);
      if (builtin) return builtin;
    }
    if (callee.k === 'func') return this.unknown(span, `result of ${callee.name}()`, positional.flatMap((p) => envOf(p) ?? []));
    return this.unknown(span, `result of ${describeValue(callee)}()`);
  }

  /** `environ.get` imported with `from os import environ` is `os.environ.get`. */
  private canonical(path: string): string {
    return path.replace(/^os\.environ\b/, 'os.environ');
  }

  private builtin(name: string, args: PyVal[], kwargs: Map<string, PyVal>, span: Span): PyVal | undefined {
    const env = args.flatMap((a) => envOf(a) ?? []);
    const raised = args.find((a) => a.k === 'raise');
    if (raised && ['int', 'str', 'float', 'bool', 'range', 'list', 'tuple', 'dict', 'len'].includes(name)) return raised;
    switch (name) {
      case 'int': {
        const a = args[0];
        if (!a) return { k: 'int', v: 0, ...span };
        if (a.k === 'int') return { ...a, ...span };
        if (a.k === 'bool') return { k: 'int', v: Number(a.v), ...span };
        if (a.k === 'float') return { k: 'int', v: Math.trunc(a.v), ...span };
        if (a.k === 'str' && args.length === 1) {
          const t = a.v.trim();
          if (/^[+-]?\d+(?:_\d+)*$/.test(t)) return { k: 'int', v: Number(t.replace(/_/g, '')), ...span };
          return { k: 'raise', why: `ValueError: invalid literal for int(): ${JSON.stringify(a.v)}`, ...span };
        }
        if (a.k === 'none') return { k: 'raise', why: "TypeError: int() argument must be a string or a number, not 'NoneType'", ...span };
        return this.unknown(span, 'int()', env);
      }
      case 'str': {
        const s = args[0] ? pyStrOf(args[0]) : '';
        return s === undefined ? this.unknown(span, 'str()', env) : { k: 'str', v: s, ...span };
      }
      case 'bool': {
        const t = args[0] ? pyTruthy(args[0]) : false;
        return t === undefined ? this.unknown(span, 'bool()', env) : { k: 'bool', v: t, ...span };
      }
      case 'range': {
        if (args.length === 0 || args.length > 3 || args.some((a) => a.k !== 'int')) return this.unknown(span, 'range()', env);
        const n = args.map((a) => (a as { v: number }).v);
        const [start, stop, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? 1];
        if (step === 0) return { k: 'raise', why: 'ValueError: range() arg 3 must not be zero', ...span };
        return { k: 'range', start, stop, step, ...span };
      }
      case 'dict': {
        const d: PyVal & { k: 'dict' } = { k: 'dict', entries: [], ...span };
        if (args[0]) {
          if (args[0].k === 'dict') this.update(d, { ...args[0], entries: args[0].entries.map((e) => ({ ...e })) });
          else return this.unknown(span, 'dict()', env);
        }
        for (const [key, value] of kwargs) d.entries.push({ key: { k: 'str', v: key, ...span }, value, keySpan: span, valueSpan: value });
        return d;
      }
      case 'list':
      case 'tuple': {
        if (!args[0]) return { k: name, items: [], ...span };
        const items = this.iterate(args[0]);
        return items ? { k: name, items, ...span } : this.unknown(span, `${name}()`, env);
      }
      case 'len': {
        const a = args[0];
        if (!a) return this.unknown(span, 'len()');
        if ((a.k === 'list' || a.k === 'tuple' || a.k === 'set') && !a.open) return { k: 'int', v: a.items.length, ...span };
        if (a.k === 'dict' && !a.open) return { k: 'int', v: a.entries.length, ...span };
        if (a.k === 'str') return { k: 'int', v: a.v.length, ...span };
        if (a.k === 'range') return { k: 'int', v: rangeLength(a), ...span };
        return this.unknown(span, 'len()', env);
      }
      default:
        return undefined;
    }
  }

  private iterate(v: PyVal): PyVal[] | undefined {
    if ((v.k === 'list' || v.k === 'tuple' || v.k === 'set') && !v.open) return v.items;
    if (v.k === 'dict' && !v.open) return v.entries.map((e) => e.key);
    if (v.k === 'str' && v.v.length <= MAX_ITEMS) return [...v.v].map((c) => ({ k: 'str', v: c, from: v.from, to: v.to }));
    if (v.k === 'range' && rangeLength(v) <= MAX_ITEMS) {
      const out: PyVal[] = [];
      for (let i = v.start; v.step > 0 ? i < v.stop : i > v.stop; i += v.step) out.push({ k: 'int', v: i, from: v.from, to: v.to });
      return out;
    }
    return undefined;
  }

  private binop(op: string, a: PyVal, b: PyVal, span: Span): PyVal {
    if (a.k === 'raise') return a;
    if (b.k === 'raise') return b;
    const s = { from: span.from, to: span.to };
    const numeric = (v: PyVal) => v.k === 'int' || v.k === 'float' || v.k === 'bool';
    if (numeric(a) && numeric(b)) {
      const x = Number((a as { v: number | boolean }).v);
      const y = Number((b as { v: number | boolean }).v);
      const float = a.k === 'float' || b.k === 'float';
      const num = (v: number, f = float): PyVal => (f ? { k: 'float', v, ...s } : { k: 'int', v, ...s });
      switch (op) {
        case '+':
          return num(x + y);
        case '-':
          return num(x - y);
        case '*':
          return num(x * y);
        case '/':
          return y === 0 ? { k: 'raise', why: 'ZeroDivisionError', ...s } : num(x / y, true);
        case '//':
          return y === 0 ? { k: 'raise', why: 'ZeroDivisionError', ...s } : num(Math.floor(x / y));
        case '%':
          return y === 0 ? { k: 'raise', why: 'ZeroDivisionError', ...s } : num(((x % y) + y) % y);
        case '**':
          return num(x ** y, float || y < 0);
        case '==':
          return { k: 'bool', v: x === y, ...s };
        case '!=':
          return { k: 'bool', v: x !== y, ...s };
        case '<':
          return { k: 'bool', v: x < y, ...s };
        case '<=':
          return { k: 'bool', v: x <= y, ...s };
        case '>':
          return { k: 'bool', v: x > y, ...s };
        case '>=':
          return { k: 'bool', v: x >= y, ...s };
        default:
          break;
      }
    }
    if (op === '+' && a.k === 'str' && b.k === 'str') {
      return a.v.length + b.v.length > MAX_STRING ? this.unknown(s, 'string too long') : { k: 'str', v: a.v + b.v, ...s };
    }
    if (op === '+' && (a.k === 'list' || a.k === 'tuple') && a.k === b.k) {
      return { k: a.k, items: [...a.items, ...b.items], open: a.open || b.open || undefined, ...s };
    }
    if (op === '|' && a.k === 'dict' && b.k === 'dict') {
      const d: PyVal & { k: 'dict' } = { k: 'dict', entries: a.entries.map((e) => ({ ...e })), open: a.open, ...s };
      this.update(d, b);
      return d;
    }
    if ((op === '==' || op === '!=') && isKnownScalar(a) && isKnownScalar(b)) {
      const eq = pyEq(a, b);
      if (eq !== undefined) return { k: 'bool', v: op === '==' ? eq : !eq, ...s };
    }
    if (op === 'in' || op === 'not in') {
      if (b.k === 'str' && a.k === 'str') return { k: 'bool', v: b.v.includes(a.v) === (op === 'in'), ...s };
      const items = b.k === 'dict' && !b.open ? b.entries.map((e) => e.key) : (b.k === 'list' || b.k === 'tuple' || b.k === 'set') && !b.open ? b.items : undefined;
      if (items && isKnownScalar(a) && items.every(isKnownScalar)) return { k: 'bool', v: items.some((i) => pyEq(i, a) === true) === (op === 'in'), ...s };
    }
    return this.unknown(s, `${op} operation`, [...(envOf(a) ?? []), ...(envOf(b) ?? [])]);
  }
}

/**
 * Whether a span overlaps a syntax error. The parser marks where it cut a
 * statement off with an empty error node, which the tree conversion widens to
 * one character; one that sits exactly where the span starts is the boundary
 * before it, not a fault inside it.
 */
export function touchesError(errors: readonly Span[], span: Span): boolean {
  return errors.some((e) => e.from < span.to && span.from < e.to && !(e.to - e.from === 1 && e.from === span.from));
}

/** A span without the blank space at its ends (an error parsers put at a line break does not belong to the next statement). */
export function trimSpan(text: string, span: Span): Span {
  let from = span.from;
  let to = span.to;
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  return { from, to };
}

/** Equal known scalars get equal ids (`1`, `1.0` and `True` are one key in Python). */
function keyId(v: PyVal): string {
  if (v.k === 'str') return `s:${v.v}`;
  if (v.k === 'int' || v.k === 'float') return `n:${v.v}`;
  if (v.k === 'bool') return `n:${Number(v.v)}`;
  return v.k;
}

/** The environment variables an unknown value depends on. */
export function envOf(v: PyVal): string[] | undefined {
  return v.k === 'unknown' ? v.env : undefined;
}

/** Python's `str()` of a known scalar. */
export function pyStrOf(v: PyVal): string | undefined {
  switch (v.k) {
    case 'str':
      return v.v;
    case 'int':
      return String(v.v);
    case 'float':
      return Number.isInteger(v.v) ? `${v.v}.0` : String(v.v);
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'none':
      return 'None';
    default:
      return undefined;
  }
}

function shallowCopy(v: PyVal): PyVal {
  if (v.k === 'dict') return { ...v, entries: v.entries.map((e) => ({ ...e })) };
  if (v.k === 'list' || v.k === 'tuple' || v.k === 'set') return { ...v, items: [...v.items] };
  return v;
}

function deepCopy(v: PyVal, seen = new Map<PyVal, PyVal>()): PyVal {
  const done = seen.get(v);
  if (done) return done;
  if (v.k === 'dict') {
    const copy: PyVal & { k: 'dict' } = { ...v, entries: [] };
    seen.set(v, copy);
    copy.entries = v.entries.map((e) => ({ ...e, value: deepCopy(e.value, seen) }));
    return copy;
  }
  if (v.k === 'list' || v.k === 'tuple' || v.k === 'set') {
    const copy = { ...v, items: [] as PyVal[] };
    seen.set(v, copy);
    copy.items = v.items.map((i) => deepCopy(i, seen));
    return copy;
  }
  return v;
}

/** A dotted name of an expression, resolved through the module's imports (`ProcessorFormatter` → `structlog.stdlib.ProcessorFormatter`). */
export function resolvedPath(module: StaticModule, expr: Expr): string | undefined {
  const v = module.evaluate(expr);
  if (v.k === 'ref') return v.path;
  return dottedName(expr);
}
