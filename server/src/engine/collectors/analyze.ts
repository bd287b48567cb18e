import type { Expr, Span, Stmt } from '../python/ast';
import { CallArgs, Evaluator, EvalHooks } from '../python/evaluate';
import type { PythonSource } from '../python/source';
import { describe, fromParts, HostValue, renderTemplate, str, templateParts, Value } from '../python/values';
import { FAMILY_CLASSES, FAMILY_MODULES, FamilyClass, familyClassOf, FamilyType, storedName } from './families';
import type { SampleSet, SampleSource } from './samples';

/**
 * Finds the custom collectors of a Python module (classes with a `collect`
 * method that builds `*MetricFamily` objects) and evaluates their `collect`
 * symbolically: once without data (names are templates such as
 * `{component.name | '-'→'_'}_up`) and, when sample rows exist for the models
 * it iterates, once with them (concrete names per row).
 */

export interface FamilySite {
  /** The whole `*MetricFamily(…)` call. */
  span: Span;
  /** The callee (`GaugeMetricFamily`), where the hover applies. */
  calleeSpan: Span;
  /** The name argument (or the call when missing). */
  nameSpan: Span;
  labelsSpan?: Span;
  valueSpan?: Span;
  unitSpan?: Span;
  cls: FamilyClass;
}

export interface AddMetricCall {
  span: Span;
  /** Number of label values, when known. */
  labelCount?: number;
  labelsDesc: string;
  /** The label values, when known. */
  labelValues?: Value[];
  /** The sample value (`value`, `count_value`, `buckets`…), as evaluated. */
  value?: Value;
  /** Implicit sample from `value=` in the constructor. */
  implicit: boolean;
}

export interface RowRef {
  variable: string;
  model?: string;
  /** The row's label (its name field) — or `{variable}` when the loop data is unknown. */
  label: string;
  known: boolean;
}

export interface FamilyResult {
  site: FamilySite;
  type: FamilyType;
  /** The name argument as evaluated. */
  requestedName: Value;
  /** The name prometheus_client stores (counter `_total` stripped, unit appended). */
  name: Value;
  documentation: Value;
  unit: Value | undefined;
  /** Label names from `labels=`: undefined when not given; values may be templates. */
  labels?: Value[];
  /** `labels=` was given but its items are unknown. */
  labelsUnknown: boolean;
  labelsDesc?: string;
  /** The ValueError the constructor raises for its arguments (not for the name), with prometheus_client's message. */
  argumentError?: string;
  created: boolean;
  histogramSum: boolean;
  infoKeys: Value[];
  addMetrics: AddMetricCall[];
  rows: RowRef[];
  /** Constructed on a path that may not run (unknown condition or data). */
  uncertain: boolean;
  /** Constructed in a branch on an unknown condition: another branch may run instead. */
  inBranch: boolean;
  yielded: 'yes' | 'maybe' | 'no';
  host: HostValue;
}

export interface RunResult {
  families: FamilyResult[];
  incomplete: boolean;
  /** Models whose rows the run asked for, with the fields the collector reads on them. */
  models: { model: string; modelPath: string; fields: string[] }[];
}

export interface CollectorInfo {
  className: string;
  /** The class statement. */
  span: Span;
  nameSpan: Span;
  collectSpan: Span;
  template: RunResult;
  /** The run with sample rows, when there are rows for a model the collector iterates. */
  sampled?: RunResult;
  /** Where the sample rows came from, per model. */
  sampleSources: { model: string; rows: number; source: SampleSource }[];
}

export interface ModuleAnalysis {
  collectors: CollectorInfo[];
}

export interface CollectorEnv {
  samples?: SampleSet;
  /** The collector's package (folder) name, to prefer fixtures of its own app. */
  packageName?: string;
  /** Loads a module the collector imports (`from .models import Component`) to follow model methods. */
  importModule?(module: string, level: number, fromUri: string): { source: PythonSource; key: string } | undefined;
}

/** Classes defined at module level with a `def collect`. */
export function collectorClasses(body: readonly Stmt[]): (Stmt & { kind: 'class' })[] {
  return body.filter(
    (s): s is Stmt & { kind: 'class' } => s.kind === 'class' && s.body.some((m) => m.kind === 'def' && m.name === 'collect'),
  );
}

export function analyzeModule(source: PythonSource, env: CollectorEnv = {}): ModuleAnalysis {
  const collectors: CollectorInfo[] = [];
  const starFamilies = source.module.body.some((s) => s.kind === 'from' && s.star && s.level === 0 && FAMILY_MODULES.includes(s.module));
  const classes = collectorClasses(source.module.body);
  if (classes.length === 0) return { collectors };
  // One session per mode: the module's top level runs once, each collector's collect() runs in it.
  const template = new Session(source, env, starFamilies, undefined);
  const lookup = (model: string, modelPath: string) => env.samples?.rowsFor(model, modelPath, env.packageName, source.uri);
  let sampledSession: Session | undefined;
  for (const cls of classes) {
    const collect = cls.body.find((m) => m.kind === 'def' && m.name === 'collect')!;
    const templateRun = template.run(cls.name);
    if (templateRun.families.length === 0) continue;
    const sampleSources: CollectorInfo['sampleSources'] = [];
    let sampled: RunResult | undefined;
    if (env.samples && !env.samples.isEmpty) {
      const found = templateRun.models.map((m) => ({ m, rows: lookup(m.model, m.modelPath) })).filter((x) => x.rows);
      if (found.length) {
        for (const { m, rows } of found) sampleSources.push({ model: m.model, rows: rows!.rows.length, source: rows!.source });
        sampledSession ??= new Session(source, env, starFamilies, (model, path) => lookup(model, path)?.rows);
        sampled = sampledSession.run(cls.name);
      }
    }
    collectors.push({ className: cls.name, span: { from: cls.from, to: cls.to }, nameSpan: cls.nameSpan, collectSpan: { from: collect.from, to: collect.to }, template: templateRun, sampled, sampleSources });
  }
  return { collectors };
}

const EMPTY_ARGS: CallArgs = { positional: [], keywords: new Map(), positionalNodes: [], keywordNodes: new Map() };

/** An evaluator over one module, with or without sample rows, that runs its collectors one by one. */
class Session {
  private readonly ev: Evaluator;
  private families: FamilyResult[] = [];
  private models: RunResult['models'] = [];
  private scope: import('../python/values').Scope | undefined;
  private moduleIncomplete = false;

  constructor(
    private readonly source: PythonSource,
    env: CollectorEnv,
    starFamilies: boolean,
    rows: ((model: string, modelPath: string) => Record<string, unknown>[] | undefined) | undefined,
  ) {
    const hooks: EvalHooks = {
      rows: (model, modelPath) => {
        if (!this.models.some((m) => m.model === model)) this.models.push({ model, modelPath, fields: [] });
        return rows?.(model, modelPath);
      },
      importModule: env.importModule
        ? (module, level, fromKey) => {
            const loaded = env.importModule!(module, level, fromKey);
            return loaded ? { module: loaded.source.module, key: loaded.key } : undefined;
          }
        : undefined,
      call: (callee, args, node, ev) => {
        let cls: FamilyClass | undefined;
        if (callee.t === 'external') cls = familyClassOf(callee.path);
        else if (starFamilies && callee.t === 'sym' && callee.sym.transforms.length === 0) {
          cls = Object.prototype.hasOwnProperty.call(FAMILY_CLASSES, callee.sym.desc) ? FAMILY_CLASSES[callee.sym.desc] : undefined;
        }
        if (cls) {
          const result = construct(cls, args, node, ev);
          this.families.push(result);
          return result.host;
        }
        if (callee.t === 'builtin' && callee.self?.t === 'host' && callee.self.kind === 'family') {
          const fam = callee.self.data as FamilyResult;
          if (callee.name === 'host.add_metric') addMetric(fam, args, node, ev);
          return { t: 'none' };
        }
        return undefined;
      },
    };
    this.ev = new Evaluator(hooks);
  }

  run(className: string): RunResult {
    const ev = this.ev;
    this.families = [];
    this.models = [];
    ev.fieldsRead.clear();
    let collected: Value[] | undefined;
    let incomplete = false;
    try {
      if (!this.scope) {
        this.scope = ev.loadModule(this.source.module, this.source.uri);
        this.moduleIncomplete = ev.incomplete;
        this.families = [];
      }
      ev.resetBudget();
      const clsValue = this.scope.vars.get(className);
      if (clsValue?.t === 'class') {
        ev.guard(() => {
          const instance = ev.callValue(clsValue, EMPTY_ARGS, `${className}()`);
          const collect = ev.getattr(instance, 'collect');
          if (collect.t === 'func') {
            const result = ev.callFunction(collect, EMPTY_ARGS);
            collected = result.yields.length ? result.yields : ev.iterate(result.value, '_') ?? [result.value];
          }
        });
      }
      incomplete = ev.incomplete || this.moduleIncomplete;
    } catch {
      // An evaluator bug must not lose what was found so far.
      incomplete = true;
    }
    const families = this.families;
    // Which families reach the registry: yielded (or returned) directly or inside lists.
    const yielded = new Set<unknown>();
    let unknownYield = collected === undefined;
    const visit = (v: Value, depth: number) => {
      if (v.t === 'host') yielded.add(v.data);
      else if (v.t === 'seq' && depth < 4) v.items.forEach((i) => visit(i, depth + 1));
      else if (v.t !== 'none') unknownYield = true;
    };
    for (const v of collected ?? []) visit(v, 0);
    for (const fam of families) fam.yielded = yielded.has(fam) ? 'yes' : unknownYield ? 'maybe' : 'no';
    const models = this.models;
    for (const m of models) m.fields = [...(ev.fieldsRead.get(m.model) ?? [])];
    return { families, incomplete, models };
  }
}

function bind(params: string[], args: CallArgs): { values: Map<string, Value>; nodes: Map<string, Expr> } {
  const values = new Map<string, Value>();
  const nodes = new Map<string, Expr>();
  args.positional.forEach((v, i) => {
    if (i < params.length) {
      values.set(params[i], v);
      nodes.set(params[i], args.positionalNodes[i]);
    }
  });
  for (const [k, v] of args.keywords) {
    values.set(k, v);
    const node = args.keywordNodes.get(k);
    if (node) nodes.set(k, node);
  }
  return { values, nodes };
}

const given = (v: Value | undefined) => v !== undefined && v.t !== 'none';

function construct(cls: FamilyClass, args: CallArgs, node: Expr & { kind: 'call' }, ev: Evaluator): FamilyResult {
  const { values, nodes } = bind(cls.params, args);
  const span = (n: Expr | undefined) => (n ? { from: n.from, to: n.to } : undefined);
  const site: FamilySite = {
    span: { from: node.from, to: node.to },
    calleeSpan: { from: node.func.from, to: node.func.to },
    nameSpan: span(nodes.get('name')) ?? { from: node.from, to: node.to },
    labelsSpan: span(nodes.get('labels')),
    valueSpan: span(nodes.get(cls.valueParam)),
    unitSpan: span(nodes.get('unit')),
    cls,
  };
  const requestedName = values.get('name') ?? str('');
  const unit = cls.params.includes('unit') ? values.get('unit') : undefined;
  const name = storedNameValue(cls.type, requestedName, unit);
  const labelsValue = values.get('labels');
  let labels: Value[] | undefined;
  let labelsUnknown = false;
  if (given(labelsValue)) {
    const items = ev.iterate(labelsValue!, '_');
    if (items) labels = items;
    else labelsUnknown = true;
  }
  const valueGiven = given(values.get(cls.valueParam));
  let argumentError: string | undefined;
  // The checks of metrics_core.py, in the order the constructors make them.
  if (cls.type === 'summary' && given(values.get('sum_value')) !== given(values.get('count_value'))) {
    argumentError = 'count_value and sum_value must be provided together.';
  } else if (cls.type === 'histogram' && given(values.get('sum_value')) && !given(values.get('buckets'))) {
    argumentError = 'sum value cannot be provided without buckets.';
  } else if (given(labelsValue) && valueGiven) {
    argumentError = `Can only specify at most one of ${cls.valueParam === 'buckets' ? 'buckets' : 'value'} and labels.`;
  }
  const host: HostValue = { t: 'host', kind: 'family', data: undefined };
  const result: FamilyResult = {
    site,
    type: cls.type,
    requestedName,
    name,
    documentation: values.get('documentation') ?? str(''),
    unit,
    labels,
    labelsUnknown,
    labelsDesc: given(labelsValue) ? describe(labelsValue!) : undefined,
    argumentError,
    created: cls.type === 'counter' && given(values.get('created')) && valueGiven,
    histogramSum: cls.type === 'histogram' && given(values.get('sum_value')) && valueGiven,
    infoKeys: [],
    addMetrics: [],
    rows: ev.loops.map((l) => ({ variable: l.variable, model: l.model, label: l.row?.label ?? `{${l.variable}}`, known: l.known })),
    uncertain: ev.uncertain > 0,
    inBranch: ev.branching > 0,
    yielded: 'no',
    host,
  };
  host.data = result;
  if (valueGiven && !argumentError) {
    result.addMetrics.push({ span: site.valueSpan ?? site.span, labelCount: 0, labelsDesc: '[]', labelValues: [], value: values.get(cls.valueParam), implicit: true });
    if (cls.type === 'info') result.infoKeys.push(...dictKeys(values.get('value')!));
  }
  return result;
}

function addMetric(fam: FamilyResult, args: CallArgs, node: Expr & { kind: 'call' }, ev: Evaluator): void {
  const { values } = bind(fam.site.cls.addMetricParams, args);
  const labels = values.get('labels');
  const items = labels ? ev.iterate(labels, '_') : undefined;
  fam.addMetrics.push({
    span: { from: node.from, to: node.to },
    labelCount: items?.length,
    labelsDesc: labels ? describe(labels) : '?',
    labelValues: items,
    value: values.get(fam.site.cls.addMetricParams[1]),
    implicit: false,
  });
  if (fam.type === 'counter' && given(values.get('created'))) fam.created = true;
  if (fam.type === 'histogram' && given(values.get('sum_value'))) fam.histogramSum = true;
  if (fam.type === 'info' && values.get('value')) fam.infoKeys.push(...dictKeys(values.get('value')!));
}

function dictKeys(v: Value): Value[] {
  if (v.t === 'dict') return v.entries.map((e) => e.key);
  return [];
}

/** `storedName` over templates: known text is handled exactly, unknown pieces are kept. */
export function storedNameValue(type: FamilyType, requested: Value, unit: Value | undefined): Value {
  const unitText = unit === undefined || unit.t === 'none' ? '' : unit.t === 'str' ? unit.v : undefined;
  if (requested.t === 'str' && unitText !== undefined) return str(storedName(type, requested.v, unitText));
  const parts = templateParts(requested);
  if (!parts) return requested;
  let out = [...parts];
  const last = out[out.length - 1];
  if (type === 'counter' && typeof last === 'string' && last.endsWith('_total')) out[out.length - 1] = last.slice(0, -6);
  if (unitText === undefined) {
    out.push('_', { desc: describe(unit!), transforms: [] });
  } else if (unitText) {
    const tail = out[out.length - 1];
    if (!(typeof tail === 'string' && tail.endsWith('_' + unitText))) out.push('_' + unitText);
  }
  out = out.filter((p) => p !== '');
  return fromParts(out);
}

/** A family's name for display: concrete text or a template. */
export function displayName(v: Value): string {
  return v.t === 'str' ? v.v : renderTemplate(v);
}
