import type { Arg, Expr, FStringPart, Param, PyModule, Stmt } from './ast';
import { blockBodies } from './ast';
import { formatSpec, percentFormat } from './format';
import { callStrMethod, STR_METHODS } from './strings';
import {
  ClassValue,
  describe,
  fromData,
  fromParts,
  FuncValue,
  NONE,
  num,
  pyEquals,
  pyRepr,
  pyStr,
  QuerysetValue,
  RecordValue,
  Scope,
  str,
  sym,
  templateParts,
  truthy,
  Value,
} from './values';

/**
 * A small abstract interpreter for Python: it runs module-level code and
 * functions over the values of `values.ts`, never executing anything of the
 * user's. Loops over known data iterate for real; loops over unknown data
 * (querysets without samples, function results) run once with a symbolic
 * element; branches on unknown conditions run both ways. A step budget keeps
 * pathological input from hanging the editor.
 */

export interface CallArgs {
  positional: Value[];
  keywords: Map<string, Value>;
  /** The argument expressions, for locating findings. */
  positionalNodes: Expr[];
  keywordNodes: Map<string, Expr>;
}

export interface LoopFrame {
  /** The loop variable (`component`). */
  variable: string;
  /** The row the loop is at, for loops over sample rows. */
  row?: RecordValue;
  /** The model iterated, for querysets. */
  model?: string;
  /** False when the loop iterates an unknown iterable once with a symbolic element. */
  known: boolean;
}

export interface EvalHooks {
  /** Called for every call; a returned value takes over the call. */
  call?(callee: Value, args: CallArgs, node: Expr & { kind: 'call' }, ev: Evaluator): Value | undefined;
  /** Sample rows (fields plus `pk`) of a Django model, or undefined when there are none. */
  rows?(model: string, modelPath: string): Record<string, unknown>[] | undefined;
  /** Source of a module imported by `from <module> import …` (relative when `level` > 0), to follow models. */
  importModule?(module: string, level: number, fromKey: string): { module: PyModule; key: string } | undefined;
}

class BudgetExceeded extends Error {}

type Signal = 'normal' | 'break' | 'continue' | 'return' | 'raise';

interface Frame {
  returnValue: Value;
  yields: Value[];
  isGenerator: boolean;
  scope: Scope;
}

const BUILTINS = [
  'str', 'int', 'float', 'bool', 'len', 'list', 'tuple', 'set', 'frozenset', 'dict', 'sorted', 'reversed', 'range', 'enumerate', 'zip',
  'repr', 'format', 'getattr', 'hasattr', 'isinstance', 'iter', 'next', 'min', 'max', 'sum', 'abs', 'round', 'any', 'all', 'map', 'filter',
  'print', 'super', 'object', 'type', 'id', 'hash',
];

const QUERYSET_METHODS = new Set([
  'all', 'filter', 'exclude', 'order_by', 'select_related', 'prefetch_related', 'distinct', 'only', 'defer', 'using', 'iterator',
  'values', 'values_list', 'annotate', 'reverse', 'none',
]);

const MAX_DEPTH = 24;

export class Evaluator {
  /** The loops the evaluator is in, innermost last. */
  readonly loops: LoopFrame[] = [];
  /** Above zero while running code that may not run (a branch on an unknown condition, a loop over unknown data). */
  uncertain = 0;
  /** Above zero inside a branch whose condition is unknown (the other way may run instead). */
  branching = 0;
  /** Set when the budget ran out: results are partial. */
  incomplete = false;
  /** The attributes read on model rows, per model (`component.name` → Component: name). */
  readonly fieldsRead = new Map<string, Set<string>>();
  private steps = 0;
  private depth = 0;
  private readonly modules = new Map<string, Scope>();
  private readonly builtins = new Scope();
  private readonly generatorCache = new WeakMap<object, boolean>();

  constructor(
    readonly hooks: EvalHooks = {},
    private readonly budget = 200_000,
  ) {
    for (const name of BUILTINS) this.builtins.vars.set(name, { t: 'builtin', name });
  }

  /** Runs a module's top-level code once (cached by key) and returns its global scope. */
  loadModule(module: PyModule, key: string): Scope {
    const cached = this.modules.get(key);
    if (cached) return cached;
    const scope = new Scope(this.builtins);
    this.modules.set(key, scope);
    this.guard(() => {
      this.execBlock(module.body, { returnValue: NONE, yields: [], isGenerator: false, scope }, key);
    });
    return scope;
  }

  /** Runs `run`, turning a spent budget or an internal error into `incomplete`. */
  guard<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      if (error instanceof BudgetExceeded || error instanceof RangeError) {
        this.incomplete = true;
        return undefined;
      }
      throw error;
    }
  }

  /** A fresh step budget (and a clear `incomplete`) for the next unit of work on the same module. */
  resetBudget(): void {
    this.steps = 0;
    this.incomplete = false;
    this.loops.length = 0;
    this.uncertain = 0;
    this.branching = 0;
  }

  private tick(): void {
    if (++this.steps > this.budget) throw new BudgetExceeded();
  }

  // ---- statements

  private execBlock(body: readonly Stmt[], frame: Frame, moduleKey: string): Signal {
    for (const stmt of body) {
      const signal = this.exec(stmt, frame, moduleKey);
      if (signal !== 'normal') return signal;
    }
    return 'normal';
  }

  private exec(stmt: Stmt, frame: Frame, moduleKey: string): Signal {
    this.tick();
    const scope = frame.scope;
    switch (stmt.kind) {
      case 'expr':
        this.ev(stmt.value, frame, moduleKey);
        return 'normal';
      case 'assign': {
        const value = this.ev(stmt.value, frame, moduleKey);
        for (const target of stmt.targets) this.assign(target, value, frame, moduleKey);
        return 'normal';
      }
      case 'annassign':
        return 'normal';
      case 'augassign': {
        const current = this.ev(stmt.target, frame, moduleKey);
        const value = this.ev(stmt.value, frame, moduleKey);
        // `list += …` extends in place; everything else rebinds.
        if (current.t === 'seq' && current.kind === 'list' && stmt.op === '+') {
          const items = this.iterate(value, '_');
          if (items) current.items.push(...items);
          return 'normal';
        }
        this.assign(stmt.target, this.binop(stmt.op, current, value), frame, moduleKey);
        return 'normal';
      }
      case 'import':
        for (const name of stmt.names) {
          if (name.asname) scope.vars.set(name.asname, { t: 'external', path: name.name });
          else {
            const head = name.name.split('.')[0];
            scope.vars.set(head, { t: 'external', path: head });
          }
        }
        return 'normal';
      case 'from': {
        const loaded = this.hooks.importModule?.(stmt.module, stmt.level, moduleKey);
        const loadedScope = loaded ? this.loadModule(loaded.module, loaded.key) : undefined;
        const base = '.'.repeat(stmt.level) + stmt.module;
        for (const name of stmt.names) {
          const local = name.asname ?? name.name;
          const value = loadedScope?.vars.get(name.name) ?? { t: 'external', path: base.endsWith('.') || !base ? `${base}${name.name}` : `${base}.${name.name}` };
          scope.vars.set(local, value);
        }
        return 'normal';
      }
      case 'def': {
        const defaults = new Map<string, Value>();
        for (const p of stmt.params) if (p.default) defaults.set(p.name, this.ev(p.default, frame, moduleKey));
        this.bind(stmt.name, { t: 'func', name: stmt.name, def: stmt, scope, defaults, moduleKey }, frame);
        return 'normal';
      }
      case 'class': {
        const bases = stmt.bases.filter((b) => !b.name && !b.star).map((b) => this.ev(b.value, frame, moduleKey));
        const classScope = new Scope(scope);
        const classFrame: Frame = { returnValue: NONE, yields: [], isGenerator: false, scope: classScope };
        this.execBlock(stmt.body, classFrame, moduleKey);
        // Methods see the module scope, not the class body.
        const attrs = new Map<string, Value>();
        for (const [k, v] of classScope.vars) attrs.set(k, v.t === 'func' ? { ...v, scope } : v);
        this.bind(stmt.name, { t: 'class', name: stmt.name, def: stmt, attrs, bases, moduleKey }, frame);
        return 'normal';
      }
      case 'return':
        frame.returnValue = stmt.value ? this.ev(stmt.value, frame, moduleKey) : NONE;
        return 'return';
      case 'if': {
        const test = truthy(this.ev(stmt.test, frame, moduleKey));
        if (test === true) return this.execBlock(stmt.body, frame, moduleKey);
        if (test === false) return this.execBlock(stmt.orelse, frame, moduleKey);
        this.uncertain++;
        this.branching++;
        try {
          const a = this.execBlock(stmt.body, frame, moduleKey);
          const b = this.execBlock(stmt.orelse, frame, moduleKey);
          // Only when both ways leave the block is the rest unreachable.
          return a !== 'normal' && b !== 'normal' ? a : 'normal';
        } finally {
          this.uncertain--;
          this.branching--;
        }
      }
      case 'for': {
        const iterable = this.ev(stmt.iter, frame, moduleKey);
        const variable = stmt.target.kind === 'name' ? stmt.target.id : describeTarget(stmt.target);
        const items = this.iterate(iterable, variable);
        const known = items !== undefined;
        const list = items ?? [this.unknownElement(iterable, variable)];
        const model = iterable.t === 'queryset' ? iterable.model : undefined;
        if (!known) this.uncertain++;
        try {
          let broke = false;
          for (const item of list) {
            this.tick();
            this.loops.push({ variable, row: item.t === 'record' ? item : undefined, model, known });
            try {
              this.assign(stmt.target, item, frame, moduleKey);
              const signal = this.execBlock(stmt.body, frame, moduleKey);
              if (signal === 'break') {
                broke = known;
                if (known) break;
              }
              if (signal === 'return' || signal === 'raise') {
                if (known) return signal;
              }
            } finally {
              this.loops.pop();
            }
          }
          if (!broke) return this.execBlock(stmt.orelse, frame, moduleKey);
          return 'normal';
        } finally {
          if (!known) this.uncertain--;
        }
      }
      case 'while': {
        for (let i = 0; i < 10_000; i++) {
          const test = truthy(this.ev(stmt.test, frame, moduleKey));
          if (test === false) return this.execBlock(stmt.orelse, frame, moduleKey);
          if (test === undefined) {
            this.uncertain++;
            try {
              this.execBlock(stmt.body, frame, moduleKey);
            } finally {
              this.uncertain--;
            }
            return 'normal';
          }
          const signal = this.execBlock(stmt.body, frame, moduleKey);
          if (signal === 'break') return 'normal';
          if (signal === 'return' || signal === 'raise') return signal;
        }
        this.incomplete = true;
        return 'normal';
      }
      case 'with':
        for (const item of stmt.items) {
          const v = this.ev(item.expr, frame, moduleKey);
          if (item.target) this.assign(item.target, sym(`${describe(v)}.__enter__()`), frame, moduleKey);
        }
        return this.execBlock(stmt.body, frame, moduleKey);
      case 'try': {
        const signal = this.execBlock(stmt.body, frame, moduleKey);
        let result: Signal = signal;
        if (signal === 'raise' && stmt.handlers.length) result = this.execBlock(stmt.handlers[0].body, frame, moduleKey);
        else if (signal === 'normal') result = this.execBlock(stmt.orelse, frame, moduleKey);
        const fin = this.execBlock(stmt.finalbody, frame, moduleKey);
        return fin !== 'normal' ? fin : result;
      }
      case 'global':
      case 'nonlocal':
        for (const name of stmt.names) scope.globals.add(name);
        return 'normal';
      case 'raise':
        if (stmt.exc) this.ev(stmt.exc, frame, moduleKey);
        return 'raise';
      case 'break':
        return 'break';
      case 'continue':
        return 'continue';
      case 'del':
      case 'assert':
      case 'pass':
        return 'normal';
      case 'other':
        this.uncertain++;
        try {
          this.execBlock(stmt.children, frame, moduleKey);
        } finally {
          this.uncertain--;
        }
        return 'normal';
    }
  }

  private bind(name: string, value: Value, frame: Frame): void {
    if (frame.scope.globals.has(name)) frame.scope.module.vars.set(name, value);
    else frame.scope.vars.set(name, value);
  }

  private assign(target: Expr, value: Value, frame: Frame, moduleKey: string): void {
    switch (target.kind) {
      case 'name':
        this.bind(target.id, value, frame);
        return;
      case 'tuple':
      case 'list': {
        const items = this.iterate(value, '_');
        const starAt = target.elts.findIndex((e) => e.kind === 'starred');
        target.elts.forEach((elt, i) => {
          let v: Value;
          if (items && starAt < 0 && items.length === target.elts.length) v = items[i];
          else if (items && starAt >= 0) {
            const after = target.elts.length - starAt - 1;
            if (i < starAt) v = items[i] ?? sym(`${describe(value)}[${i}]`);
            else if (i === starAt) v = { t: 'seq', kind: 'list', items: items.slice(starAt, items.length - after) };
            else v = items[items.length - (target.elts.length - i)] ?? sym(`${describe(value)}[${i}]`);
          } else v = sym(`${describe(value)}[${i}]`);
          this.assign(elt.kind === 'starred' ? elt.value : elt, v, frame, moduleKey);
        });
        return;
      }
      case 'attr': {
        const obj = this.ev(target.value, frame, moduleKey);
        if (obj.t === 'instance' || obj.t === 'class') obj.attrs.set(target.attr, value);
        else if (obj.t === 'record') obj.fields.set(target.attr, value);
        return;
      }
      case 'subscript': {
        const obj = this.ev(target.value, frame, moduleKey);
        const key = this.ev(target.index, frame, moduleKey);
        if (obj.t === 'dict') {
          const existing = obj.entries.find((e) => pyEquals(e.key, key) === true);
          if (existing) existing.value = value;
          else obj.entries.push({ key, value });
        } else if (obj.t === 'seq' && obj.kind === 'list' && key.t === 'num') {
          const i = key.v < 0 ? obj.items.length + key.v : key.v;
          if (i >= 0 && i < obj.items.length) obj.items[i] = value;
        }
        return;
      }
      default:
        return;
    }
  }

  // ---- expressions

  /** Evaluates an expression in a function frame. */
  ev(expr: Expr, frame: Frame, moduleKey: string): Value {
    this.tick();
    switch (expr.kind) {
      case 'name': {
        const v = frame.scope.lookup(expr.id) ?? this.builtins.vars.get(expr.id);
        return v ?? sym(expr.id);
      }
      case 'str':
        return str(expr.value);
      case 'fstr':
        return this.fstring(expr.parts, frame, moduleKey);
      case 'num':
        return num(expr.value, /[.eE]/.test(expr.text) && !/^0[xXoObB]/.test(expr.text));
      case 'const':
        if (expr.value === 'ellipsis') return sym('...');
        return expr.value === null ? NONE : { t: 'bool', v: expr.value };
      case 'attr':
        return this.getattr(this.ev(expr.value, frame, moduleKey), expr.attr);
      case 'subscript':
        return this.subscript(this.ev(expr.value, frame, moduleKey), expr.index, frame, moduleKey);
      case 'call':
        return this.call(expr, frame, moduleKey);
      case 'binop': {
        if (expr.op === 'and' || expr.op === 'or') {
          const left = this.ev(expr.left, frame, moduleKey);
          const t = truthy(left);
          if (t === undefined) {
            this.ev(expr.right, frame, moduleKey);
            return sym(`(${describe(left)} ${expr.op} …)`);
          }
          if (expr.op === 'and') return t ? this.ev(expr.right, frame, moduleKey) : left;
          return t ? left : this.ev(expr.right, frame, moduleKey);
        }
        return this.binop(expr.op, this.ev(expr.left, frame, moduleKey), this.ev(expr.right, frame, moduleKey));
      }
      case 'unary': {
        const v = this.ev(expr.operand, frame, moduleKey);
        if (expr.op === 'not') {
          const t = truthy(v);
          return t === undefined ? sym(`not ${describe(v)}`) : { t: 'bool', v: !t };
        }
        if (v.t === 'num' || v.t === 'bool') {
          const n = Number(v.v);
          if (expr.op === '-') return num(-n, v.t === 'num' && v.float);
          if (expr.op === '+') return num(n, v.t === 'num' && v.float);
          if (expr.op === '~') return num(~n);
        }
        return sym(`${expr.op}${describe(v)}`);
      }
      case 'list':
      case 'tuple':
      case 'set': {
        const items: Value[] = [];
        for (const elt of expr.elts) {
          if (elt.kind === 'starred') {
            const inner = this.ev(elt.value, frame, moduleKey);
            const expanded = this.iterate(inner, '_');
            if (expanded) items.push(...expanded);
            else return sym(describeExpr(expr));
          } else items.push(this.ev(elt, frame, moduleKey));
        }
        return { t: 'seq', kind: expr.kind, items: expr.kind === 'set' ? dedupe(items) : items };
      }
      case 'starred':
        return this.ev(expr.value, frame, moduleKey);
      case 'dict': {
        const out: Value = { t: 'dict', entries: [] };
        for (const entry of expr.entries) {
          if ('spread' in entry) {
            const inner = this.ev(entry.spread, frame, moduleKey);
            if (inner.t === 'dict') for (const e of inner.entries) setEntry(out, e.key, e.value);
            else return sym(describeExpr(expr));
          } else setEntry(out, this.ev(entry.key, frame, moduleKey), this.ev(entry.value, frame, moduleKey));
        }
        return out;
      }
      case 'comp':
        return this.comprehension(expr, frame, moduleKey);
      case 'ifexp': {
        const t = truthy(this.ev(expr.test, frame, moduleKey));
        if (t === true) return this.ev(expr.body, frame, moduleKey);
        if (t === false) return this.ev(expr.orelse, frame, moduleKey);
        const a = this.ev(expr.body, frame, moduleKey);
        const b = this.ev(expr.orelse, frame, moduleKey);
        return pyEquals(a, b) === true ? a : sym(describeExpr(expr));
      }
      case 'lambda':
        return {
          t: 'func',
          name: '<lambda>',
          def: { kind: 'lambda', params: expr.params, bodyExpr: expr.body },
          scope: frame.scope,
          defaults: new Map(expr.params.filter((p) => p.default).map((p) => [p.name, this.ev(p.default!, frame, moduleKey)])),
          moduleKey,
        };
      case 'await':
        return this.ev(expr.value, frame, moduleKey);
      case 'yield': {
        const v = expr.value ? this.ev(expr.value, frame, moduleKey) : NONE;
        if (expr.isFrom) {
          const items = this.iterate(v, '_');
          if (items) frame.yields.push(...items);
          else frame.yields.push(sym(`*${describe(v)}`));
        } else frame.yields.push(v);
        return sym('(yield)');
      }
      case 'slice':
      case 'unknown':
        return sym(describeExpr(expr));
    }
  }

  private fstring(parts: FStringPart[], frame: Frame, moduleKey: string): Value {
    const out: (string | import('./values').Sym)[] = [];
    for (const part of parts) {
      if (typeof part === 'string') {
        out.push(part);
        continue;
      }
      let v = this.ev(part.expr, frame, moduleKey);
      if (part.selfDoc) out.push(part.selfDoc);
      if (part.conversion === 'r' || part.conversion === 'a' || (part.selfDoc && !part.conversion && !part.spec)) {
        const r = pyRepr(v);
        v = r === undefined ? sym(`repr(${describe(v)})`) : str(r);
      } else if (part.conversion === 's') {
        const s = pyStr(v);
        v = s === undefined ? v : str(s);
      }
      const spec = part.spec ? this.fstring(part.spec, frame, moduleKey) : str('');
      const formatted = spec.t === 'str' ? formatSpec(v, spec.v) : undefined;
      if (formatted !== undefined) out.push(formatted);
      else {
        const p = templateParts(v);
        if (p && (spec.t === 'str' && spec.v === '')) out.push(...p);
        else out.push({ desc: describe(v), transforms: spec.t === 'str' && spec.v ? [`:${spec.v}`] : [] });
      }
    }
    return fromParts(out);
  }

  private comprehension(expr: Expr & { kind: 'comp' }, frame: Frame, moduleKey: string): Value {
    const scope = new Scope(frame.scope);
    const inner: Frame = { ...frame, scope };
    const items: Value[] = [];
    const dict: Value = { t: 'dict', entries: [] };
    const run = (i: number): void => {
      if (i >= expr.generators.length) {
        if (expr.type === 'dict') setEntry(dict, this.ev(expr.elt, inner, moduleKey), this.ev(expr.value!, inner, moduleKey));
        else items.push(this.ev(expr.elt, inner, moduleKey));
        return;
      }
      const gen = expr.generators[i];
      const iterable = this.ev(gen.iter, inner, moduleKey);
      const variable = gen.target.kind === 'name' ? gen.target.id : '_';
      const known = this.iterate(iterable, variable);
      for (const item of known ?? [this.unknownElement(iterable, variable)]) {
        this.tick();
        this.assign(gen.target, item, inner, moduleKey);
        let keep = true;
        for (const cond of gen.ifs) {
          const t = truthy(this.ev(cond, inner, moduleKey));
          if (t === false) keep = false;
        }
        if (keep) run(i + 1);
      }
    };
    run(0);
    if (expr.type === 'dict') return dict;
    return { t: 'seq', kind: expr.type === 'set' ? 'set' : 'list', items: expr.type === 'set' ? dedupe(items) : items };
  }

  private subscript(obj: Value, indexExpr: Expr, frame: Frame, moduleKey: string): Value {
    if (indexExpr.kind === 'slice') {
      const bound = (e?: Expr) => (e ? this.ev(e, frame, moduleKey) : NONE);
      const [lo, hi, step] = [bound(indexExpr.lower), bound(indexExpr.upper), bound(indexExpr.step)];
      const n = (v: Value) => (v.t === 'num' ? v.v : v.t === 'none' ? undefined : NaN);
      const [a, b, s] = [n(lo), n(hi), n(step)];
      if ([a, b, s].some((x) => Number.isNaN(x)) || (s !== undefined && s !== 1)) return sym(`${describe(obj)}[…]`);
      if (obj.t === 'str') return str(obj.v.slice(a, b));
      if (obj.t === 'seq') return { t: 'seq', kind: obj.kind === 'set' ? 'list' : obj.kind, items: obj.items.slice(a, b) };
      return sym(`${describe(obj)}[…]`);
    }
    return this.getitem(obj, this.ev(indexExpr, frame, moduleKey));
  }

  getitem(obj: Value, key: Value): Value {
    if (obj.t === 'dict') {
      const found = obj.entries.find((e) => pyEquals(e.key, key) === true);
      if (found) return found.value;
      return sym(`${describe(obj).length > 40 ? 'dict' : describe(obj)}[${describe(key)}]`);
    }
    if ((obj.t === 'seq' || obj.t === 'str') && (key.t === 'num' || key.t === 'bool')) {
      const items: Value[] = obj.t === 'str' ? [...obj.v].map(str) : obj.items;
      const i = Number(key.v) < 0 ? items.length + Number(key.v) : Number(key.v);
      if (i >= 0 && i < items.length) return items[i];
    }
    if (obj.t === 'record' && key.t === 'str') return this.getattr(obj, key.v);
    return sym(`${describe(obj)}[${describe(key)}]`);
  }

  // ---- attributes

  getattr(obj: Value, name: string): Value {
    switch (obj.t) {
      case 'external':
        if (name === 'objects' && /^[A-Z]/.test(lastSegment(obj.path))) {
          return { t: 'manager', model: lastSegment(obj.path), modelPath: obj.path };
        }
        return { t: 'external', path: `${obj.path}.${name}` };
      case 'class': {
        const found = classAttr(obj, name);
        if (found) return found;
        if (name === 'objects') return { t: 'manager', model: obj.name, modelPath: obj.name, cls: obj };
        return sym(`${obj.name}.${name}`);
      }
      case 'instance': {
        const own = obj.attrs.get(name);
        if (own) return own;
        const found = classAttr(obj.cls, name);
        if (found?.t === 'func') return { ...found, self: obj };
        return found ?? sym(`self.${name}`);
      }
      case 'record': {
        const found = obj.cls ? classAttr(obj.cls, name) : undefined;
        if (found?.t === 'func') return { ...found, self: obj };
        let reads = this.fieldsRead.get(obj.model);
        if (!reads) this.fieldsRead.set(obj.model, (reads = new Set()));
        reads.add(name);
        const field = obj.fields.get(name) ?? (name === 'id' ? obj.fields.get('pk') : name === 'pk' ? obj.fields.get('id') : undefined);
        if (field) return field;
        return sym(`${obj.desc}.${name}`);
      }
      case 'manager':
      case 'queryset':
        if (QUERYSET_METHODS.has(name) || name === 'get' || name === 'first' || name === 'last' || name === 'count' || name === 'exists') {
          return { t: 'builtin', name: `queryset.${name}`, self: obj };
        }
        return sym(`${describe(obj)}.${name}`);
      case 'str':
      case 'tmpl':
        if (STR_METHODS.has(name)) return { t: 'builtin', name: `str.${name}`, self: obj };
        return sym(`${describe(obj)}.${name}`);
      case 'dict':
        return { t: 'builtin', name: `dict.${name}`, self: obj };
      case 'seq':
        return { t: 'builtin', name: `${obj.kind}.${name}`, self: obj };
      case 'host':
        return { t: 'builtin', name: `host.${name}`, self: obj };
      case 'sym': {
        // `Component.objects` on a name bound nowhere in the module (a star import, a model of another app): a model manager.
        if (name === 'objects' && obj.sym.transforms.length === 0 && /^[A-Z]\w*$/.test(obj.sym.desc)) {
          return { t: 'manager', model: obj.sym.desc, modelPath: obj.sym.desc };
        }
        if (STR_METHODS.has(name) && obj.sym.transforms.length === 0) {
          // An unknown value used with a string method is taken to be a string.
          return { t: 'builtin', name: `str.${name}`, self: obj };
        }
        if (STR_METHODS.has(name)) return { t: 'builtin', name: `str.${name}`, self: obj };
        return sym(`${describe(obj)}.${name}`);
      }
      default:
        return sym(`${describe(obj)}.${name}`);
    }
  }

  // ---- calls

  private call(expr: Expr & { kind: 'call' }, frame: Frame, moduleKey: string): Value {
    const callee = this.ev(expr.func, frame, moduleKey);
    const args = this.evalArgs(expr.args, frame, moduleKey);
    if (!args) return sym(describeExpr(expr));
    const hooked = this.hooks.call?.(callee, args, expr, this);
    if (hooked) return hooked;
    return this.callValue(callee, args, describeExpr(expr));
  }

  private evalArgs(args: Arg[], frame: Frame, moduleKey: string): CallArgs | undefined {
    const out: CallArgs = { positional: [], keywords: new Map(), positionalNodes: [], keywordNodes: new Map() };
    for (const arg of args) {
      const v = this.ev(arg.value, frame, moduleKey);
      if (arg.star === '*') {
        const items = this.iterate(v, '_');
        if (!items) return undefined;
        out.positional.push(...items);
        for (const _ of items) out.positionalNodes.push(arg.value);
      } else if (arg.star === '**') {
        if (v.t !== 'dict') return undefined;
        for (const e of v.entries) {
          if (e.key.t !== 'str') return undefined;
          out.keywords.set(e.key.v, e.value);
          out.keywordNodes.set(e.key.v, arg.value);
        }
      } else if (arg.name) {
        out.keywords.set(arg.name, v);
        out.keywordNodes.set(arg.name, arg.value);
      } else {
        out.positional.push(v);
        out.positionalNodes.push(arg.value);
      }
    }
    return out;
  }

  /** Calls a value: user functions and classes run, builtins are modelled, anything else gives an unknown. */
  callValue(callee: Value, args: CallArgs, desc: string): Value {
    switch (callee.t) {
      case 'func':
        return this.callFunction(callee, args).value;
      case 'class': {
        const instance: Value = { t: 'instance', cls: callee, attrs: new Map() };
        const init = classAttr(callee, '__init__');
        if (init?.t === 'func') this.callFunction({ ...init, self: instance }, args);
        return instance;
      }
      case 'builtin':
        return this.callBuiltin(callee, args, desc);
      default:
        return sym(desc);
    }
  }

  /** Runs a user function; a generator's yields are collected eagerly. */
  callFunction(fn: FuncValue, args: CallArgs): { value: Value; yields: Value[] } {
    if (this.depth >= MAX_DEPTH) return { value: sym(`${fn.name}(…)`), yields: [] };
    const scope = new Scope(fn.scope);
    const params = fn.def.kind === 'lambda' ? fn.def.params : fn.def.params;
    this.bindParams(params, fn, args, scope);
    const isGenerator = fn.def.kind === 'def' && this.isGenerator(fn.def.body);
    const frame: Frame = { returnValue: NONE, yields: [], isGenerator, scope };
    this.depth++;
    try {
      if (fn.def.kind === 'lambda') return { value: this.ev(fn.def.bodyExpr, frame, fn.moduleKey), yields: [] };
      this.execBlock(fn.def.body, frame, fn.moduleKey);
    } finally {
      this.depth--;
    }
    if (isGenerator) return { value: { t: 'seq', kind: 'list', items: frame.yields }, yields: frame.yields };
    return { value: frame.returnValue, yields: [] };
  }

  private bindParams(params: Param[], fn: FuncValue, args: CallArgs, scope: Scope): void {
    const positional = fn.self ? [fn.self, ...args.positional] : [...args.positional];
    const keywords = new Map(args.keywords);
    let i = 0;
    for (const p of params) {
      if (p.star === '*') {
        scope.vars.set(p.name, { t: 'seq', kind: 'tuple', items: positional.slice(i) });
        i = positional.length;
      } else if (p.star === '**') {
        scope.vars.set(p.name, { t: 'dict', entries: [...keywords].map(([k, v]) => ({ key: str(k), value: v })) });
        keywords.clear();
      } else if (i < positional.length) scope.vars.set(p.name, positional[i++]);
      else if (keywords.has(p.name)) {
        scope.vars.set(p.name, keywords.get(p.name)!);
        keywords.delete(p.name);
      } else scope.vars.set(p.name, fn.defaults.get(p.name) ?? sym(p.name));
    }
  }

  private isGenerator(body: readonly Stmt[]): boolean {
    const cached = this.generatorCache.get(body);
    if (cached !== undefined) return cached;
    let found = false;
    const visitExpr = (e: Expr | undefined): void => {
      if (!e || found) return;
      if (e.kind === 'yield') found = true;
      else if (e.kind !== 'lambda' && e.kind !== 'comp') forEachChildExpr(e, visitExpr);
    };
    const visit = (stmts: readonly Stmt[]): void => {
      for (const s of stmts) {
        if (found) return;
        if (s.kind === 'def' || s.kind === 'class') continue;
        forEachStmtExpr(s, visitExpr);
        for (const child of blockBodies(s)) visit(child);
      }
    };
    visit(body);
    this.generatorCache.set(body, found);
    return found;
  }

  // ---- iteration

  /** The items of an iterable when they are known; undefined when not. */
  iterate(v: Value, variable: string): Value[] | undefined {
    switch (v.t) {
      case 'seq':
        return v.items;
      case 'str':
        return [...v.v].map(str);
      case 'dict':
        return v.entries.map((e) => e.key);
      case 'queryset':
      case 'manager': {
        const qs: QuerysetValue = v.t === 'manager' ? { t: 'queryset', model: v.model, modelPath: v.modelPath, cls: v.cls, filters: [], desc: `${v.model}.objects.all()` } : v;
        return this.rowsOf(qs, variable);
      }
      default:
        return undefined;
    }
  }

  /** The element bound by a loop over something unknown. */
  private unknownElement(iterable: Value, variable: string): Value {
    if (iterable.t === 'queryset' || iterable.t === 'manager') {
      const cls = iterable.cls;
      return { t: 'record', model: iterable.model, cls, fields: new Map(), label: `{${variable}}`, desc: variable };
    }
    return sym(variable);
  }

  private rowsOf(qs: QuerysetValue, variable: string): Value[] | undefined {
    const rows = this.hooks.rows?.(qs.model, qs.modelPath);
    if (!rows) return undefined;
    const out: Value[] = [];
    for (const row of rows) {
      const fields = new Map<string, Value>();
      for (const [k, v] of Object.entries(row)) fields.set(k, fromData(v));
      const record: RecordValue = { t: 'record', model: qs.model, cls: qs.cls, fields, label: rowLabel(row), desc: variable };
      let keep = true;
      for (const filter of qs.filters) {
        const eq = pyEquals(this.getattr(record, filter.field), filter.value);
        if (eq === undefined) continue;
        if (eq === filter.negate) keep = false;
      }
      if (!keep) continue;
      if (qs.shape) {
        const values = qs.shape.fields.map((f) => this.getattr(record, f));
        if (qs.shape.kind === 'values') out.push({ t: 'dict', entries: qs.shape.fields.map((f, i) => ({ key: str(f), value: values[i] })) });
        else out.push(qs.shape.flat && values.length === 1 ? values[0] : { t: 'seq', kind: 'tuple', items: values });
      } else out.push(record);
    }
    return out;
  }

  // ---- builtins

  private callBuiltin(callee: Value & { t: 'builtin' }, args: CallArgs, desc: string): Value {
    const [a, b] = args.positional;
    const self = callee.self;
    const name = callee.name;
    if (name.startsWith('str.') && self) return callStrMethod(name.slice(4), self, args, this) ?? sym(desc);
    if (name.startsWith('queryset.') && self && (self.t === 'queryset' || self.t === 'manager')) return this.querysetMethod(name.slice(9), self, args, desc);
    if (name.startsWith('dict.') && self?.t === 'dict') return this.dictMethod(name.slice(5), self, args, desc);
    if ((name.startsWith('list.') || name.startsWith('tuple.') || name.startsWith('set.')) && self?.t === 'seq') {
      return this.seqMethod(name.slice(name.indexOf('.') + 1), self, args, desc);
    }
    switch (name) {
      case 'str': {
        if (!a) return str('');
        const s = pyStr(a);
        if (s !== undefined) return str(s);
        const parts = templateParts(a);
        return parts ? fromParts(parts) : sym(`str(${describe(a)})`);
      }
      case 'repr': {
        const r = a ? pyRepr(a) : undefined;
        return r === undefined ? sym(desc) : str(r);
      }
      case 'int': {
        if (!a) return num(0);
        if (a.t === 'num' || a.t === 'bool') return num(Math.trunc(Number(a.v)));
        if (a.t === 'str' && /^\s*[+-]?\d+\s*$/.test(a.v.replace(/_/g, ''))) return num(parseInt(a.v.replace(/_/g, ''), 10));
        return sym(desc);
      }
      case 'float': {
        if (!a) return num(0, true);
        if (a.t === 'num' || a.t === 'bool') return num(Number(a.v), true);
        if (a.t === 'str' && a.v.trim() && !Number.isNaN(Number(a.v))) return num(Number(a.v), true);
        return sym(desc);
      }
      case 'bool': {
        const t = a ? truthy(a) : false;
        return t === undefined ? sym(desc) : { t: 'bool', v: t };
      }
      case 'len': {
        if (a?.t === 'str') return num([...a.v].length);
        if (a?.t === 'seq') return num(a.items.length);
        if (a?.t === 'dict') return num(a.entries.length);
        return sym(desc);
      }
      case 'list':
      case 'tuple':
      case 'set':
      case 'frozenset':
      case 'sorted':
      case 'reversed': {
        if (!a) return { t: 'seq', kind: name === 'tuple' ? 'tuple' : name === 'set' || name === 'frozenset' ? 'set' : 'list', items: [] };
        let items = this.iterate(a, '_');
        if (!items) return sym(desc);
        items = [...items];
        if (name === 'sorted') {
          if (args.keywords.size) return sym(desc);
          let unknown = false;
          items.sort((x, y) => {
            const c = pyCompare(x, y);
            if (c === undefined) unknown = true;
            return c ?? 0;
          });
          if (unknown) return sym(desc);
        }
        if (name === 'reversed') items.reverse();
        const kind = name === 'tuple' ? 'tuple' : name === 'set' || name === 'frozenset' ? 'set' : 'list';
        return { t: 'seq', kind, items: kind === 'set' ? dedupe(items) : items };
      }
      case 'dict': {
        const out: Value = { t: 'dict', entries: [] };
        if (a?.t === 'dict') for (const e of a.entries) setEntry(out, e.key, e.value);
        else if (a) {
          const items = this.iterate(a, '_');
          if (!items) return sym(desc);
          for (const item of items) {
            const pair = this.iterate(item, '_');
            if (!pair || pair.length !== 2) return sym(desc);
            setEntry(out, pair[0], pair[1]);
          }
        }
        for (const [k, v] of args.keywords) setEntry(out, str(k), v);
        return out;
      }
      case 'range': {
        const ns = args.positional.map((v) => (v.t === 'num' || v.t === 'bool' ? Number(v.v) : NaN));
        if (ns.some(Number.isNaN) || ns.length === 0) return sym(desc);
        const [start, stop, step] = ns.length === 1 ? [0, ns[0], 1] : [ns[0], ns[1], ns[2] ?? 1];
        if (step === 0 || Math.abs((stop - start) / step) > 10_000) return sym(desc);
        const items: Value[] = [];
        for (let i = start; step > 0 ? i < stop : i > stop; i += step) items.push(num(i));
        return { t: 'seq', kind: 'list', items };
      }
      case 'enumerate': {
        const items = a ? this.iterate(a, '_') : undefined;
        const start = b?.t === 'num' ? b.v : args.keywords.get('start')?.t === 'num' ? (args.keywords.get('start') as { v: number }).v : 0;
        if (!items) return sym(desc);
        return { t: 'seq', kind: 'list', items: items.map((v, i) => ({ t: 'seq', kind: 'tuple', items: [num(i + start), v] })) };
      }
      case 'zip': {
        const lists = args.positional.map((v) => this.iterate(v, '_'));
        if (lists.some((l) => !l)) return sym(desc);
        const n = Math.min(...lists.map((l) => l!.length));
        return { t: 'seq', kind: 'list', items: Array.from({ length: n }, (_, i) => ({ t: 'seq', kind: 'tuple', items: lists.map((l) => l![i]) }) as Value) };
      }
      case 'format': {
        const spec = b?.t === 'str' ? b.v : '';
        const f = a ? formatSpec(a, spec) : undefined;
        return f === undefined ? sym(desc) : str(f);
      }
      case 'getattr': {
        if (a && b?.t === 'str') {
          const v = this.getattr(a, b.v);
          if (v.t === 'sym' && args.positional[2]) return args.positional[2];
          return v;
        }
        return sym(desc);
      }
      case 'iter':
        return a ?? sym(desc);
      case 'print':
        return NONE;
      case 'abs':
        return a?.t === 'num' ? num(Math.abs(a.v), a.float) : sym(desc);
      case 'min':
      case 'max':
      case 'sum': {
        const items = args.positional.length === 1 && a ? this.iterate(a, '_') : args.positional;
        if (!items || !items.every((i) => i.t === 'num')) return sym(desc);
        const ns = items.map((i) => (i as { v: number }).v);
        const float = items.some((i) => (i as { float?: boolean }).float);
        if (name === 'sum') return num(ns.reduce((x, y) => x + y, 0), float);
        if (!ns.length) return sym(desc);
        return num(name === 'min' ? Math.min(...ns) : Math.max(...ns), float);
      }
      default:
        return sym(desc);
    }
  }

  private querysetMethod(method: string, qs: Value & ({ t: 'queryset' } | { t: 'manager' }), args: CallArgs, desc: string): Value {
    const base: QuerysetValue =
      qs.t === 'manager' ? { t: 'queryset', model: qs.model, modelPath: qs.modelPath, cls: qs.cls, filters: [], desc: `${qs.model}.objects` } : qs;
    const next: QuerysetValue = { ...base, filters: [...base.filters], desc: `${base.desc}.${method}(…)`.replace('.objects.all(…)', '.objects.all()') };
    if (method === 'filter' || method === 'exclude') {
      for (const [field, value] of args.keywords) {
        // Only exact lookups on plain fields are applied to the samples; others keep every row.
        if (!field.includes('__') || field.endsWith('__exact')) next.filters.push({ field: field.replace(/__exact$/, ''), value, negate: method === 'exclude' });
      }
      return next;
    }
    if (method === 'values' || method === 'values_list') {
      const fields = args.positional.filter((v) => v.t === 'str').map((v) => (v as { v: string }).v);
      const flat = truthy(args.keywords.get('flat') ?? { t: 'bool', v: false }) === true;
      next.shape = { kind: method, fields, flat };
      return fields.length === args.positional.length ? next : sym(desc);
    }
    if (method === 'count') {
      const rows = this.rowsOf(next, '_');
      return rows ? num(rows.length) : sym(desc);
    }
    if (method === 'exists') {
      const rows = this.rowsOf(next, '_');
      return rows ? { t: 'bool', v: rows.length > 0 } : sym(desc);
    }
    if (method === 'first' || method === 'last' || method === 'get') {
      return sym(desc);
    }
    if (method === 'none') return { t: 'seq', kind: 'list', items: [] };
    return next;
  }

  private dictMethod(method: string, d: Value & { t: 'dict' }, args: CallArgs, desc: string): Value {
    const [a, b] = args.positional;
    switch (method) {
      case 'keys':
        return { t: 'seq', kind: 'list', items: d.entries.map((e) => e.key) };
      case 'values':
        return { t: 'seq', kind: 'list', items: d.entries.map((e) => e.value) };
      case 'items':
        return { t: 'seq', kind: 'list', items: d.entries.map((e) => ({ t: 'seq', kind: 'tuple', items: [e.key, e.value] }) as Value) };
      case 'get': {
        if (!a) return sym(desc);
        const found = d.entries.find((e) => pyEquals(e.key, a) === true);
        if (found) return found.value;
        if (d.entries.every((e) => pyEquals(e.key, a) === false)) return b ?? NONE;
        return sym(desc);
      }
      case 'setdefault': {
        if (!a) return sym(desc);
        const found = d.entries.find((e) => pyEquals(e.key, a) === true);
        if (found) return found.value;
        const value = b ?? NONE;
        d.entries.push({ key: a, value });
        return value;
      }
      case 'update': {
        if (a?.t === 'dict') for (const e of a.entries) setEntry(d, e.key, e.value);
        for (const [k, v] of args.keywords) setEntry(d, str(k), v);
        return NONE;
      }
      case 'copy':
        return { t: 'dict', entries: d.entries.map((e) => ({ ...e })) };
      case 'pop': {
        const at = a ? d.entries.findIndex((e) => pyEquals(e.key, a) === true) : -1;
        if (at >= 0) return d.entries.splice(at, 1)[0].value;
        return b ?? sym(desc);
      }
      default:
        return sym(desc);
    }
  }

  private seqMethod(method: string, s: Value & { t: 'seq' }, args: CallArgs, desc: string): Value {
    const [a, b] = args.positional;
    switch (method) {
      case 'append':
      case 'add':
        if (a) {
          if (s.kind !== 'set' || !s.items.some((i) => pyEquals(i, a) === true)) s.items.push(a);
        }
        return NONE;
      case 'extend':
      case 'update': {
        const items = a ? this.iterate(a, '_') : [];
        if (items) s.items.push(...items);
        return NONE;
      }
      case 'insert':
        if (a?.t === 'num' && b) s.items.splice(a.v, 0, b);
        return NONE;
      case 'copy':
        return { t: 'seq', kind: s.kind, items: [...s.items] };
      case 'pop':
        return s.items.pop() ?? sym(desc);
      case 'index': {
        const i = a ? s.items.findIndex((x) => pyEquals(x, a) === true) : -1;
        return i >= 0 ? num(i) : sym(desc);
      }
      case 'count':
        return a ? num(s.items.filter((x) => pyEquals(x, a) === true).length) : sym(desc);
      default:
        return sym(desc);
    }
  }

  binop(op: string, a: Value, b: Value): Value {
    const desc = () => `${describe(a)} ${op} ${describe(b)}`;
    switch (op) {
      case '+': {
        if ((a.t === 'num' || a.t === 'bool') && (b.t === 'num' || b.t === 'bool')) return num(Number(a.v) + Number(b.v), isFloat(a) || isFloat(b));
        if (a.t === 'seq' && b.t === 'seq' && a.kind === b.kind) return { t: 'seq', kind: a.kind, items: [...a.items, ...b.items] };
        const pa = templateParts(a);
        const pb = templateParts(b);
        // A string plus an unknown: the unknown must be a string too.
        if (pa && pb && (a.t !== 'sym' || b.t !== 'sym')) return fromParts([...pa, ...pb]);
        return sym(desc());
      }
      case '%':
        if (a.t === 'str' || a.t === 'tmpl') return percentFormat(a, b, this) ?? sym(desc());
        if (a.t === 'num' && b.t === 'num' && b.v !== 0) return num(((a.v % b.v) + b.v) % b.v, isFloat(a) || isFloat(b));
        return sym(desc());
      case '*':
        if (a.t === 'num' && b.t === 'num') return num(a.v * b.v, isFloat(a) || isFloat(b));
        if ((a.t === 'str' && b.t === 'num') || (a.t === 'num' && b.t === 'str')) {
          const [s, n] = a.t === 'str' ? [a.v, (b as { v: number }).v] : [(b as { v: string }).v, a.v];
          return n * s.length > 100_000 ? sym(desc()) : str(s.repeat(Math.max(0, n)));
        }
        return sym(desc());
      case '-':
      case '/':
      case '//':
      case '**':
        if ((a.t === 'num' || a.t === 'bool') && (b.t === 'num' || b.t === 'bool')) {
          const x = Number(a.v);
          const y = Number(b.v);
          if (op === '-') return num(x - y, isFloat(a) || isFloat(b));
          if (op === '/') return y === 0 ? sym(desc()) : num(x / y, true);
          if (op === '//') return y === 0 ? sym(desc()) : num(Math.floor(x / y), isFloat(a) || isFloat(b));
          return num(x ** y, isFloat(a) || isFloat(b) || y < 0);
        }
        return sym(desc());
      case '==':
      case '!=': {
        const e = pyEquals(a, b);
        return e === undefined ? sym(desc()) : { t: 'bool', v: op === '==' ? e : !e };
      }
      case 'is':
      case 'is not': {
        let e: boolean | undefined;
        if (b.t === 'none' || a.t === 'none') e = a.t === 'none' && b.t === 'none' ? true : a.t === 'sym' || b.t === 'sym' || a.t === 'tmpl' ? undefined : false;
        else if (a.t === 'bool' && b.t === 'bool') e = a.v === b.v;
        return e === undefined ? sym(desc()) : { t: 'bool', v: op === 'is' ? e : !e };
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        if ((a.t === 'num' || a.t === 'bool') && (b.t === 'num' || b.t === 'bool')) return { t: 'bool', v: compare(op, Number(a.v), Number(b.v)) };
        if (a.t === 'str' && b.t === 'str') return { t: 'bool', v: compare(op, a.v < b.v ? -1 : a.v > b.v ? 1 : 0, 0) };
        return sym(desc());
      }
      case 'in':
      case 'not in': {
        let e: boolean | undefined;
        if (b.t === 'str' && a.t === 'str') e = b.v.includes(a.v);
        else {
          const items = b.t === 'dict' ? b.entries.map((x) => x.key) : b.t === 'seq' ? b.items : undefined;
          if (items) {
            const results = items.map((i) => pyEquals(i, a));
            e = results.includes(true) ? true : results.every((r) => r === false) ? false : undefined;
          }
        }
        return e === undefined ? sym(desc()) : { t: 'bool', v: op === 'in' ? e : !e };
      }
      default:
        return sym(desc());
    }
  }
}

/** Python ordering of two concrete values (numbers, strings, tuples of them); undefined when not comparable. */
function pyCompare(a: Value, b: Value): number | undefined {
  if ((a.t === 'num' || a.t === 'bool') && (b.t === 'num' || b.t === 'bool')) return Number(a.v) - Number(b.v);
  if (a.t === 'str' && b.t === 'str') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  if (a.t === 'seq' && b.t === 'seq' && a.kind !== 'set' && a.kind === b.kind) {
    for (let i = 0; i < Math.min(a.items.length, b.items.length); i++) {
      const c = pyCompare(a.items[i], b.items[i]);
      if (c === undefined || c !== 0) return c;
    }
    return a.items.length - b.items.length;
  }
  return undefined;
}

function compare(op: string, x: number, y: number): boolean {
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

function isFloat(v: Value): boolean {
  return v.t === 'num' && v.float === true;
}

function lastSegment(path: string): string {
  const parts = path.split('.');
  return parts[parts.length - 1];
}

/** An attribute of a class or its (user-defined) bases. */
function classAttr(cls: ClassValue, name: string, seen = new Set<ClassValue>()): Value | undefined {
  if (seen.has(cls)) return undefined;
  seen.add(cls);
  const own = cls.attrs.get(name);
  if (own) return own;
  for (const base of cls.bases) {
    if (base.t === 'class') {
      const found = classAttr(base, name, seen);
      if (found) return found;
    }
  }
  return undefined;
}

function setEntry(d: Value & { t: 'dict' }, key: Value, value: Value): void {
  const existing = d.entries.find((e) => pyEquals(e.key, key) === true);
  if (existing) existing.value = value;
  else d.entries.push({ key, value });
}

function dedupe(items: Value[]): Value[] {
  const out: Value[] = [];
  for (const item of items) if (!out.some((o) => pyEquals(o, item) === true)) out.push(item);
  return out;
}

function rowLabel(row: Record<string, unknown>): string {
  for (const key of ['name', 'slug', 'title', 'key', 'code']) if (typeof row[key] === 'string') return row[key] as string;
  const firstString = Object.entries(row).find(([k, v]) => k !== 'pk' && typeof v === 'string');
  if (firstString) return firstString[1] as string;
  return `pk=${String(row.pk ?? row.id ?? '?')}`;
}

function describeTarget(target: Expr): string {
  return describeExpr(target);
}

/** Source-like text of an expression, shortened. */
export function describeExpr(expr: Expr): string {
  const text = exprText(expr);
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

function exprText(expr: Expr): string {
  switch (expr.kind) {
    case 'name':
      return expr.id;
    case 'attr':
      return `${exprText(expr.value)}.${expr.attr}`;
    case 'call':
      return `${exprText(expr.func)}(${expr.args.length ? '…' : ''})`;
    case 'subscript':
      return `${exprText(expr.value)}[${exprText(expr.index)}]`;
    case 'str':
      return pyRepr(str(expr.value)) ?? '…';
    case 'num':
      return expr.text;
    case 'tuple':
      return expr.elts.map(exprText).join(', ');
    case 'unknown':
      return expr.text.replace(/\s+/g, ' ');
    default:
      return '…';
  }
}

export function forEachChildExpr(e: Expr, visit: (e: Expr) => void): void {
  switch (e.kind) {
    case 'attr':
      visit(e.value);
      break;
    case 'subscript':
      visit(e.value);
      visit(e.index);
      break;
    case 'slice':
      if (e.lower) visit(e.lower);
      if (e.upper) visit(e.upper);
      if (e.step) visit(e.step);
      break;
    case 'call':
      visit(e.func);
      for (const a of e.args) visit(a.value);
      break;
    case 'binop':
      visit(e.left);
      visit(e.right);
      break;
    case 'unary':
      visit(e.operand);
      break;
    case 'list':
    case 'tuple':
    case 'set':
      e.elts.forEach(visit);
      break;
    case 'starred':
    case 'await':
      visit(e.value);
      break;
    case 'dict':
      for (const entry of e.entries) {
        if ('spread' in entry) visit(entry.spread);
        else {
          visit(entry.key);
          visit(entry.value);
        }
      }
      break;
    case 'comp':
      visit(e.elt);
      if (e.value) visit(e.value);
      for (const g of e.generators) {
        visit(g.target);
        visit(g.iter);
        g.ifs.forEach(visit);
      }
      break;
    case 'ifexp':
      visit(e.test);
      visit(e.body);
      visit(e.orelse);
      break;
    case 'lambda':
      visit(e.body);
      break;
    case 'yield':
      if (e.value) visit(e.value);
      break;
    case 'fstr':
      for (const p of e.parts) if (typeof p !== 'string') visit(p.expr);
      break;
    default:
      break;
  }
}

export function forEachStmtExpr(s: Stmt, visit: (e: Expr) => void): void {
  switch (s.kind) {
    case 'expr':
      visit(s.value);
      break;
    case 'assign':
      s.targets.forEach(visit);
      visit(s.value);
      break;
    case 'augassign':
      visit(s.target);
      visit(s.value);
      break;
    case 'return':
      if (s.value) visit(s.value);
      break;
    case 'for':
      visit(s.target);
      visit(s.iter);
      break;
    case 'while':
    case 'if':
      visit(s.test);
      break;
    case 'with':
      for (const i of s.items) visit(i.expr);
      break;
    case 'raise':
      if (s.exc) visit(s.exc);
      break;
    default:
      break;
  }
}
