import { isLegacyLabelName, isLegacyMetricName } from '../prometheus/names';

/**
 * What prometheus_client does with each `*MetricFamily` (metrics_core.py) and
 * how `generate_latest` (exposition.py, text format 0.0.4, what
 * django-prometheus serves) writes it out.
 */

export type FamilyType = 'counter' | 'gauge' | 'summary' | 'histogram' | 'gaugehistogram' | 'info' | 'stateset' | 'unknown';

export interface FamilyClass {
  className: string;
  type: FamilyType;
  /** Constructor parameters in positional order. */
  params: string[];
  /** The parameter that cannot be given together with `labels=` ("Can only specify at most one of … and labels."). */
  valueParam: string;
  /** `add_metric` parameters in positional order. */
  addMetricParams: string[];
}

const family = (className: string, type: FamilyType, params: string[], valueParam: string, addMetricParams: string[]): FamilyClass => ({
  className,
  type,
  params,
  valueParam,
  addMetricParams,
});

export const FAMILY_CLASSES: Record<string, FamilyClass> = {
  CounterMetricFamily: family('CounterMetricFamily', 'counter', ['name', 'documentation', 'value', 'labels', 'created', 'unit'], 'value', ['labels', 'value', 'created', 'timestamp']),
  GaugeMetricFamily: family('GaugeMetricFamily', 'gauge', ['name', 'documentation', 'value', 'labels', 'unit'], 'value', ['labels', 'value', 'timestamp']),
  SummaryMetricFamily: family('SummaryMetricFamily', 'summary', ['name', 'documentation', 'count_value', 'sum_value', 'labels', 'unit'], 'count_value', ['labels', 'count_value', 'sum_value', 'timestamp']),
  HistogramMetricFamily: family('HistogramMetricFamily', 'histogram', ['name', 'documentation', 'buckets', 'sum_value', 'labels', 'unit'], 'buckets', ['labels', 'buckets', 'sum_value', 'timestamp']),
  GaugeHistogramMetricFamily: family('GaugeHistogramMetricFamily', 'gaugehistogram', ['name', 'documentation', 'buckets', 'gsum_value', 'labels', 'unit'], 'buckets', ['labels', 'buckets', 'gsum_value', 'timestamp']),
  InfoMetricFamily: family('InfoMetricFamily', 'info', ['name', 'documentation', 'value', 'labels'], 'value', ['labels', 'value', 'timestamp']),
  StateSetMetricFamily: family('StateSetMetricFamily', 'stateset', ['name', 'documentation', 'value', 'labels'], 'value', ['labels', 'value', 'timestamp']),
  UnknownMetricFamily: family('UnknownMetricFamily', 'unknown', ['name', 'documentation', 'value', 'labels', 'unit'], 'value', ['labels', 'value', 'timestamp']),
  UntypedMetricFamily: family('UntypedMetricFamily', 'unknown', ['name', 'documentation', 'value', 'labels', 'unit'], 'value', ['labels', 'value', 'timestamp']),
};

/** The modules that define the family classes. (`prometheus_client` itself does not export them.) */
export const FAMILY_MODULES = ['prometheus_client.core', 'prometheus_client.metrics_core'];

/** The family class an imported path names, if any: `prometheus_client.core.GaugeMetricFamily`. */
export function familyClassOf(path: string): FamilyClass | undefined {
  for (const module of FAMILY_MODULES) {
    if (path.startsWith(module + '.')) {
      const rest = path.slice(module.length + 1);
      return Object.prototype.hasOwnProperty.call(FAMILY_CLASSES, rest) ? FAMILY_CLASSES[rest] : undefined;
    }
  }
  return undefined;
}

export type NameScheme = 'legacy' | 'utf8';

/** Why a metric name is not a legacy name; undefined when it is one. */
export function legacyNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (isLegacyMetricName(name)) return undefined;
  if (/^[0-9]/.test(name)) return 'it starts with a digit';
  const bad = [...new Set([...name].filter((c) => !/[a-zA-Z0-9_:]/.test(c)))];
  const shown = bad.map((c) => (c === ' ' ? 'space' : c === '-' ? '"-"' : c === '.' ? '"."' : JSON.stringify(c))).join(', ');
  return `it contains ${shown}; only letters, digits, "_" and ":" are allowed`;
}

/** Why a label name is rejected (invalid, or reserved with `__`); undefined when it is fine. */
export function labelNameProblem(name: string, scheme: NameScheme): string | undefined {
  if (name === '') return 'it is empty';
  if (name.startsWith('__')) return 'names starting with "__" are reserved for Prometheus\' internal use';
  if (scheme === 'utf8' || isLegacyLabelName(name)) return undefined;
  if (/^[0-9]/.test(name)) return 'it starts with a digit';
  const bad = [...new Set([...name].filter((c) => !/[a-zA-Z0-9_]/.test(c)))];
  return `it contains ${bad.map((c) => JSON.stringify(c)).join(', ')}; only letters, digits and "_" are allowed`;
}

/**
 * The family name prometheus_client stores: a counter's trailing `_total` is
 * stripped, then `_<unit>` is appended unless the name already ends with it.
 */
export function storedName(type: FamilyType, requested: string, unit: string): string {
  let name = requested;
  if (type === 'counter' && name.endsWith('_total')) name = name.slice(0, -6);
  if (unit && !name.endsWith('_' + unit)) name += '_' + unit;
  return name;
}

/**
 * The names a family produces and clashes with, as the registry computes them
 * (`CollectorRegistry._get_names`): two families clash when these overlap.
 */
export function registryNames(type: FamilyType, name: string): string[] {
  const suffixes: Record<string, string[]> = {
    counter: ['_total', '_created'],
    summary: ['_sum', '_count', '_created'],
    histogram: ['_bucket', '_sum', '_count', '_created'],
    gaugehistogram: ['_bucket', '_gsum', '_gcount'],
    info: ['_info'],
  };
  return [name, ...(suffixes[type] ?? []).map((s) => name + s)];
}

export interface ExposedSample {
  name: string;
  /** Label names, sorted as the exposition writes them. */
  labels: string[];
}

export interface ExposedFamily {
  /** The name after `# HELP` / `# TYPE`. */
  name: string;
  /** The type after `# TYPE` in the text format. */
  type: 'counter' | 'gauge' | 'summary' | 'histogram' | 'untyped';
  samples: ExposedSample[];
}

export interface ExposureInput {
  type: FamilyType;
  /** The stored family name (see `storedName`). */
  name: string;
  /** Label names declared with `labels=`. */
  labels: string[];
  /** Whether any sample carries `created` (counters). */
  created: boolean;
  /** Whether histograms get `_count`/`_sum` (a sum value was given). */
  histogramSum: boolean;
  /** Info: the keys of the value dicts; StateSet: not used. */
  infoKeys: string[];
  /** Whether the family has samples at all (add_metric or a value). */
  hasSamples: boolean;
}

/** The families `generate_latest` writes for one metric family object, in output order. */
export function exposedFamilies(input: ExposureInput): ExposedFamily[] {
  const { type, name, labels } = input;
  const sorted = (names: string[]) => [...new Set(names)].sort();
  const s = (sampleName: string, extra: string[] = []): ExposedSample => ({ name: sampleName, labels: sorted([...labels, ...extra]) });
  const samples = (list: ExposedSample[]) => (input.hasSamples ? list : []);
  switch (type) {
    case 'counter': {
      const out: ExposedFamily[] = [{ name: `${name}_total`, type: 'counter', samples: samples([s(`${name}_total`)]) }];
      if (input.created) out.push({ name: `${name}_created`, type: 'gauge', samples: samples([s(`${name}_created`)]) });
      return out;
    }
    case 'gauge':
      return [{ name, type: 'gauge', samples: samples([s(name)]) }];
    case 'summary':
      return [{ name, type: 'summary', samples: samples([s(`${name}_count`), s(`${name}_sum`)]) }];
    case 'histogram':
      return [
        {
          name,
          type: 'histogram',
          samples: samples([s(`${name}_bucket`, ['le']), ...(input.histogramSum ? [s(`${name}_count`), s(`${name}_sum`)] : [])]),
        },
      ];
    case 'gaugehistogram':
      return [
        { name, type: 'histogram', samples: samples([s(`${name}_bucket`, ['le'])]) },
        ...(input.hasSamples
          ? [
              { name: `${name}_gcount`, type: 'gauge' as const, samples: [s(`${name}_gcount`)] },
              { name: `${name}_gsum`, type: 'gauge' as const, samples: [s(`${name}_gsum`)] },
            ]
          : []),
      ];
    case 'info':
      return [{ name: `${name}_info`, type: 'gauge', samples: samples([s(`${name}_info`, input.infoKeys)]) }];
    case 'stateset':
      return [{ name, type: 'gauge', samples: samples([s(name, [name])]) }];
    case 'unknown':
      return [{ name, type: 'untyped', samples: samples([s(name)]) }];
  }
}
