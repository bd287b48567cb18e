import { isMap, isScalar, isSeq, Node, Pair, parse, YAMLMap } from 'yaml';
import { asMap, asScalar, findPair, getMap, getSeq, getString, keyName, Span, spanOf } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import type { ListAnalysis } from './analyze';
import { formatPrometheusDuration, parsePrometheusDuration } from './duration';
import type { RelabelList } from './locate';
import { applyRule, CompiledRule, compileRule, EffectiveRule, LabelBuilder } from './relabel';
import { featuresOf, PrometheusVersion, VersionFeatures } from './version';

export type LabelSet = Record<string, string>;

export interface PreviewStep {
  /** Index of the rule in its list. */
  index: number;
  before: LabelSet;
  after: LabelSet;
  /** False when this rule dropped the target. */
  kept: boolean;
}

export interface TargetPreview {
  /** The labels as given. */
  input: LabelSet;
  /** After Prometheus added its scrape defaults (job, __scheme__, …): what the first rule sees. */
  discovered: LabelSet;
  steps: PreviewStep[];
  kept: boolean;
  /** Index of the rule that dropped the target. */
  droppedBy?: number;
  /** Labels right after the last rule, internal `__*` labels included. */
  afterRelabel?: LabelSet;
  /** Labels Prometheus keeps on the target: meta labels removed, port and instance defaulted (scrape targets). */
  targetLabels?: LabelSet;
  /** The labels on stored series: the target labels without `__*` internals. */
  final?: LabelSet;
  /** Why Prometheus would drop the target after relabeling (e.g. no address). */
  error?: string;
}

export interface PreviewResult {
  owner: string;
  stage: RelabelList['stage'];
  rules: (EffectiveRule | undefined)[];
  /** Rules that Prometheus would refuse: the preview stops before the first. */
  invalidRule?: number;
  targets: TargetPreview[];
}

/** What Prometheus adds to each discovered target of a scrape job before relabeling. */
export interface ScrapeDefaults {
  job: string;
  scrapeInterval: string;
  scrapeTimeout: string;
  metricsPath: string;
  scheme: string;
  params: [string, string][];
}

/**
 * A scrape_interval or scrape_timeout as Prometheus reads it, in milliseconds;
 * undefined when Prometheus uses its default instead. Prometheus decodes the
 * scalar into a string (go-yaml keeps a plain 0 as the text "0") and parses it
 * with model.ParseDuration, where "0", "0s" and "0m0s" are all zero; its config
 * loading then replaces a zero by the default, exactly like a missing key.
 * A value that is not a duration makes Prometheus refuse the file; the preview
 * shows the defaults for it.
 */
function readScrapeDuration(d: YamlDoc['parsed'], map: YAMLMap | undefined, key: string): number | undefined {
  const scalar = asScalar(d, findPair(map, key)?.value);
  if (!scalar || scalar.value === null) return undefined;
  const text = typeof scalar.value === 'string' ? scalar.value : (scalar.source ?? String(scalar.value));
  const ms = parsePrometheusDuration(text);
  return ms === 0 ? undefined : ms;
}

/** The scrape defaults of a prometheus.yml job (global settings and Prometheus' own defaults applied). */
export function scrapeDefaultsOf(list: RelabelList): ScrapeDefaults | undefined {
  if (list.dialect !== 'prometheus' || list.stage !== 'target' || !list.parent) return undefined;
  const d = list.doc.parsed;
  const root = asMap(d, d.contents);
  const global = getMap(d, root, 'global');
  const job = list.parent;
  // Prometheus' DefaultGlobalConfig: 1m and 10s, the timeout cut to the global interval (config.go, GlobalConfig.UnmarshalYAML).
  const globalInterval = readScrapeDuration(d, global, 'scrape_interval') ?? 60_000;
  const globalTimeout = readScrapeDuration(d, global, 'scrape_timeout') ?? Math.min(10_000, globalInterval);
  const interval = readScrapeDuration(d, job, 'scrape_interval') ?? globalInterval;
  // A job without a timeout takes the global one, cut to its own interval (config.go, ScrapeConfig.Validate).
  const timeout = readScrapeDuration(d, job, 'scrape_timeout') ?? Math.min(globalTimeout, interval);
  const params: [string, string][] = [];
  for (const pair of getMap(d, job, 'params')?.items ?? []) {
    const name = keyName(pair as Pair);
    const values = isSeq(pair.value) ? pair.value.items : [];
    const first = values[0];
    if (name && isScalar(first) && first.value !== null) params.push([name, String(first.value)]);
  }
  return {
    job: list.jobName ?? '',
    scrapeInterval: formatPrometheusDuration(interval),
    scrapeTimeout: formatPrometheusDuration(timeout),
    metricsPath: getString(d, job, 'metrics_path')?.value ?? '/metrics',
    scheme: getString(d, job, 'scheme')?.value ?? 'http',
    params,
  };
}

/** The targets a job's static_configs list, as label sets (address and group labels). */
export function staticTargetsOf(list: RelabelList): LabelSet[] {
  return staticTargetNodesOf(list).map((t) => t.labels);
}

/** Static targets with the span of each address in the document. */
export function staticTargetNodesOf(list: RelabelList): { labels: LabelSet; span: Span }[] {
  if (!list.parent) return [];
  const d = list.doc.parsed;
  const key = list.dialect === 'operator' ? 'staticConfigs' : 'static_configs';
  const out: { labels: LabelSet; span: Span }[] = [];
  for (const item of getSeq(d, list.parent, key)?.items ?? []) {
    const group = asMap(d, item);
    const labels: LabelSet = {};
    for (const pair of getMap(d, group, 'labels')?.items ?? []) {
      const name = keyName(pair as Pair);
      const value = asScalar(d, pair.value)?.value;
      if (name && value !== null && value !== undefined) labels[name] = String(value);
    }
    for (const target of getSeq(d, group, 'targets')?.items ?? []) {
      const scalar = asScalar(d, target);
      const address = scalar?.value;
      const span = spanOf(scalar);
      if (address !== null && address !== undefined && span) out.push({ labels: { ...labels, __address__: String(address) }, span });
    }
  }
  return out;
}

/**
 * Reads sample targets: a list of label sets, a single label set, or
 * file_sd groups (`[{targets: [...], labels: {...}}]`), as YAML or JSON.
 */
export function parseSampleLabels(text: string): { targets: LabelSet[]; error?: string } {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    return { targets: [], error: `not valid YAML/JSON: ${(error as Error).message.split('\n')[0]}` };
  }
  const items = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  if (!items.length) return { targets: [], error: 'expected a label set, a list of label sets, or file_sd target groups' };
  const targets: LabelSet[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return { targets: [], error: 'every item must be a mapping of label names to values' };
    const object = item as Record<string, unknown>;
    if (Array.isArray(object.targets)) {
      const labels = toLabelSet(object.labels ?? {});
      for (const address of object.targets) targets.push({ ...labels, __address__: String(address) });
    } else targets.push(toLabelSet(object));
  }
  return { targets };
}

function toLabelSet(value: unknown): LabelSet {
  const out: LabelSet = {};
  if (!value || typeof value !== 'object') return out;
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== null && v !== undefined && typeof v !== 'object') out[name] = String(v);
  }
  return out;
}

export interface PreviewOptions {
  version: PrometheusVersion;
  /** Keep every step's before/after (the editor table); off for bulk runs. */
  steps?: boolean;
}

/** Compiles the rules of an analysed list; stops at the first rule Prometheus would refuse. */
export function compileList(analysis: ListAnalysis, features: VersionFeatures): { compiled: CompiledRule[]; invalidRule?: number } {
  const compiled: CompiledRule[] = [];
  for (let i = 0; i < analysis.rules.length; i++) {
    const effective = analysis.rules[i].effective;
    const rule = effective ? compileRule(effective, features) : undefined;
    if (!rule || typeof rule === 'string') return { compiled, invalidRule: i };
    compiled.push(rule);
  }
  return { compiled };
}

/** Runs a list's rules over sample targets, step by step, with Prometheus' semantics. */
export function previewList(analysis: ListAnalysis, inputs: LabelSet[], options: PreviewOptions): PreviewResult {
  const features = featuresOf(options.version);
  const { compiled, invalidRule } = compileList(analysis, features);
  const list = analysis.list;
  const defaults = scrapeDefaultsOf(list);
  const result: PreviewResult = {
    owner: list.owner,
    stage: list.stage,
    rules: analysis.rules.map((r) => r.effective),
    invalidRule,
    targets: [],
  };
  if (invalidRule !== undefined) return result;
  for (const input of inputs) result.targets.push(runTarget(compiled, input, defaults, list.stage, features, options.steps !== false));
  return result;
}

/** The core loop, also used by the bench: one target through compiled rules. */
export function runTarget(
  compiled: CompiledRule[],
  input: LabelSet,
  defaults: ScrapeDefaults | undefined,
  stage: RelabelList['stage'],
  features: VersionFeatures,
  keepSteps: boolean,
): TargetPreview {
  const then: [string, string][] = [];
  if (defaults) {
    const scrapeLabels: [string, string][] = [
      ['job', defaults.job],
      ['__scrape_interval__', defaults.scrapeInterval],
      ['__scrape_timeout__', defaults.scrapeTimeout],
      ['__metrics_path__', defaults.metricsPath],
      ['__scheme__', defaults.scheme],
    ];
    for (const [name, value] of scrapeLabels) if (!input[name]) then.push([name, value]);
    for (const [name, value] of defaults.params) then.push([`__param_${name}`, value]);
  }
  const lb = new LabelBuilder(Object.entries(input), then);
  const discovered = lb.toRecord();
  const preview: TargetPreview = { input, discovered, steps: [], kept: true };
  for (let i = 0; i < compiled.length; i++) {
    const before = keepSteps ? lb.toRecord() : undefined;
    const kept = applyRule(compiled[i], lb, features);
    if (keepSteps) preview.steps.push({ index: i, before: before!, after: kept ? lb.toRecord() : {}, kept });
    if (!kept) {
      preview.kept = false;
      preview.droppedBy = i;
      return preview;
    }
  }
  preview.afterRelabel = lb.toRecord();
  if (stage === 'target' || stage === 'probe' || stage === 'alertmanager') finishTarget(preview, lb, features, defaults !== undefined);
  else preview.final = preview.afterRelabel;
  return preview;
}

/** What Prometheus does to a scrape target after relabeling (scrape.PopulateLabels). */
function finishTarget(preview: TargetPreview, lb: LabelBuilder, features: VersionFeatures, scrapeJob: boolean): void {
  let address = lb.get('__address__');
  if (address === '') {
    preview.error = 'no address: __address__ is empty after relabeling, so Prometheus drops the target';
    return;
  }
  if (features.addsDefaultPort && scrapeJob && needsPort(address)) {
    const scheme = lb.get('__scheme__');
    if (scheme === 'http' || scheme === '') address += ':80';
    else if (scheme === 'https') address += ':443';
    else {
      preview.error = `invalid scheme: "${scheme}"`;
      return;
    }
    lb.set('__address__', address);
  }
  if (address.includes('/')) {
    preview.error = `"${address}" is not a valid hostname`;
    return;
  }
  for (const [name] of lb.entries()) if (name.startsWith('__meta_')) lb.delete(name);
  if (lb.get('instance') === '') lb.set('instance', address);
  preview.targetLabels = lb.toRecord();
  preview.final = Object.fromEntries(Object.entries(preview.targetLabels).filter(([name]) => !name.startsWith('__')));
}

/** Whether Go's net.SplitHostPort fails on the address but succeeds once a port is appended. */
function needsPort(address: string): boolean {
  const hasPort = (s: string) => {
    if (s.startsWith('[')) {
      const end = s.indexOf(']');
      return end !== -1 && s[end + 1] === ':' && !s.slice(end + 2).includes(':');
    }
    const colon = s.lastIndexOf(':');
    return colon !== -1 && s.indexOf(':') === colon && !s.includes('[') && !s.includes(']');
  };
  return !hasPort(address) && hasPort(`${address}:1234`);
}

/** Finds the list a position (document offset) falls in: its key or anywhere in its value. */
export function listAtOffset(analyses: ListAnalysis[], offset: number): ListAnalysis | undefined {
  return analyses.find((a) => (offset >= a.list.keySpan.start && offset <= a.list.span.end));
}

export type { YamlDoc, Node };
export { findPair };
