import { isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { asMap, asScalar, asSeq, deref, findPair, getMap, getSeq, getString, keyName, Span, spanOf } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';

/** Where a relabel list sits, which decides what its rules see and do. */
export type RelabelStage = 'target' | 'metric' | 'alert' | 'alertmanager' | 'write' | 'probe';

/** snake_case (prometheus.yml) or camelCase (prometheus-operator custom resources). */
export type Dialect = 'prometheus' | 'operator';

export const FIELDS = ['source_labels', 'separator', 'regex', 'modulus', 'target_label', 'replacement', 'action'] as const;
export type FieldName = (typeof FIELDS)[number];

export const OPERATOR_FIELD: Record<FieldName, string> = {
  source_labels: 'sourceLabels',
  separator: 'separator',
  regex: 'regex',
  modulus: 'modulus',
  target_label: 'targetLabel',
  replacement: 'replacement',
  action: 'action',
};

export function fieldKey(field: FieldName, dialect: Dialect): string {
  return dialect === 'operator' ? OPERATOR_FIELD[field] : field;
}

export interface FieldNode {
  /** The key as written. */
  key: string;
  keySpan: Span;
  /** The value node (aliases followed), null for an empty value. */
  value: Node | null;
  valueSpan: Span;
  pair: Pair;
}

export interface RuleNode {
  doc: YamlDoc;
  /** The list item; not a mapping when the user wrote something else. */
  node: Node | null;
  span: Span;
  index: number;
  fields: Partial<Record<FieldName, FieldNode>>;
}

/** What discovery can put on the targets a list sees (for meta label checks and sample labels). */
export interface DiscoveryContext {
  /** Service discovery mechanisms, e.g. `static_configs`, `kubernetes_sd_configs`. */
  mechanisms: string[];
  /** Kubernetes SD roles in use (`endpoints`, `pod`, …). */
  kubernetesRoles: string[];
  /** Label names written in static_configs[].labels (they can be anything, even `__meta_*`). */
  staticLabelNames: string[];
}

export interface RelabelList {
  doc: YamlDoc;
  dialect: Dialect;
  stage: RelabelStage;
  /** The key (`relabel_configs`, `metricRelabelings`, …) and its span, where the CodeLens goes. */
  key: string;
  keySpan: Span;
  /** The whole list value. */
  span: Span;
  seq?: YAMLSeq;
  rules: RuleNode[];
  /** The scrape job's name for prometheus.yml lists. */
  jobName?: string;
  /** Index in scrape_configs (or endpoints) — for naming in the preview. */
  owner: string;
  discovery: DiscoveryContext;
  /** The enclosing scrape config or endpoint mapping. */
  parent?: YAMLMap;
}

const PROMETHEUS_TOP_KEYS = ['scrape_configs', 'rule_files', 'alerting', 'remote_write', 'remote_read', 'scrape_config_files'];
/** Keys of Prometheus' `global` block; alertmanager.yml also has a `global`, with other keys. */
const PROMETHEUS_GLOBAL_KEYS = ['scrape_interval', 'scrape_timeout', 'evaluation_interval', 'external_labels', 'query_log_file', 'scrape_protocols'];

/** Whether a document is a Prometheus server configuration, judged by its content. */
export function isPrometheusConfig(doc: YamlDoc): boolean {
  const root = asMap(doc.parsed, doc.parsed.contents);
  if (!root) return false;
  if (findPair(root, 'apiVersion') && findPair(root, 'kind')) return false;
  if (findPair(root, 'route') || findPair(root, 'receivers')) return false;
  if (root.items.some((pair) => PROMETHEUS_TOP_KEYS.includes(keyName(pair as Pair) ?? ''))) return true;
  const global = asMap(doc.parsed, findPair(root, 'global')?.value);
  return global?.items.some((pair) => PROMETHEUS_GLOBAL_KEYS.includes(keyName(pair as Pair) ?? '')) ?? false;
}

const SD_SUFFIX = '_sd_configs';

function discoveryOf(doc: YamlDoc, scrape: YAMLMap | undefined): DiscoveryContext {
  const mechanisms: string[] = [];
  const kubernetesRoles: string[] = [];
  const staticLabelNames: string[] = [];
  for (const pair of scrape?.items ?? []) {
    const key = keyName(pair as Pair);
    if (!key || !(key === 'static_configs' || key.endsWith(SD_SUFFIX))) continue;
    mechanisms.push(key);
    for (const item of asSeq(doc.parsed, pair.value)?.items ?? []) {
      const config = asMap(doc.parsed, item);
      if (key === 'kubernetes_sd_configs') {
        const role = getString(doc.parsed, config, 'role')?.value;
        if (role) kubernetesRoles.push(role.toLowerCase());
      }
      if (key === 'static_configs') {
        for (const label of getMap(doc.parsed, config, 'labels')?.items ?? []) {
          const name = keyName(label as Pair);
          if (name) staticLabelNames.push(name);
        }
      }
    }
  }
  return { mechanisms, kubernetesRoles, staticLabelNames };
}

function readRules(doc: YamlDoc, seq: YAMLSeq | undefined, dialect: Dialect): RuleNode[] {
  const rules: RuleNode[] = [];
  seq?.items.forEach((item, index) => {
    const node = deref(doc.parsed, item);
    const span = spanOf(node) ?? spanOf(item as Node) ?? { start: 0, end: 0 };
    const fields: Partial<Record<FieldName, FieldNode>> = {};
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        const key = keyName(pair);
        if (key === undefined) continue;
        const field = FIELDS.find((f) => fieldKey(f, dialect) === key);
        if (!field) continue;
        const keySpan = spanOf(pair.key as Node) ?? span;
        const value = deref(doc.parsed, pair.value);
        const valueSpan = spanOf(value) ?? { start: keySpan.end, end: keySpan.end };
        fields[field] = { key, keySpan, value, valueSpan, pair };
      }
    }
    rules.push({ doc, node, span, index, fields });
  });
  return rules;
}

function listAt(
  doc: YamlDoc,
  parent: YAMLMap | undefined,
  key: string,
  base: Omit<RelabelList, 'doc' | 'key' | 'keySpan' | 'span' | 'seq' | 'rules'>,
  out: RelabelList[],
): void {
  const pair = findPair(parent, key);
  if (!pair) return;
  const keySpan = spanOf(pair.key as Node);
  if (!keySpan) return;
  const value = deref(doc.parsed, pair.value);
  const seq = isSeq(value) ? value : undefined;
  out.push({ ...base, doc, key, keySpan, span: spanOf(value) ?? keySpan, seq, rules: readRules(doc, seq, base.dialect) });
}

/** Every relabel list of a document: prometheus.yml, or a prometheus-operator resource. */
export function findRelabelLists(doc: YamlDoc): RelabelList[] {
  const out: RelabelList[] = [];
  const d = doc.parsed;
  const root = asMap(d, d.contents);
  if (!root) return out;
  const none: DiscoveryContext = { mechanisms: [], kubernetesRoles: [], staticLabelNames: [] };
  if (isPrometheusConfig(doc)) {
    getSeq(d, root, 'scrape_configs')?.items.forEach((item, i) => {
      const scrape = asMap(d, item);
      if (!scrape) return;
      const jobName = asScalar(d, findPair(scrape, 'job_name')?.value)?.value;
      const name = typeof jobName === 'string' ? jobName : undefined;
      const base = { dialect: 'prometheus' as const, jobName: name, owner: name ? `job ${name}` : `scrape_configs[${i}]`, discovery: discoveryOf(doc, scrape), parent: scrape };
      listAt(doc, scrape, 'relabel_configs', { ...base, stage: 'target' }, out);
      listAt(doc, scrape, 'metric_relabel_configs', { ...base, stage: 'metric' }, out);
    });
    const alerting = getMap(d, root, 'alerting');
    listAt(doc, alerting, 'alert_relabel_configs', { dialect: 'prometheus', stage: 'alert', owner: 'alerting', discovery: none, parent: alerting }, out);
    getSeq(d, alerting, 'alertmanagers')?.items.forEach((item, i) => {
      const am = asMap(d, item);
      listAt(doc, am, 'relabel_configs', { dialect: 'prometheus', stage: 'alertmanager', owner: `alertmanagers[${i}]`, discovery: discoveryOf(doc, am), parent: am }, out);
      listAt(doc, am, 'alert_relabel_configs', { dialect: 'prometheus', stage: 'alert', owner: `alertmanagers[${i}]`, discovery: none, parent: am }, out);
    });
    getSeq(d, root, 'remote_write')?.items.forEach((item, i) => {
      const rw = asMap(d, item);
      listAt(doc, rw, 'write_relabel_configs', { dialect: 'prometheus', stage: 'write', owner: `remote_write[${i}]`, discovery: none, parent: rw }, out);
    });
    return out;
  }
  const kind = getString(d, root, 'kind')?.value;
  const apiVersion = getString(d, root, 'apiVersion')?.value ?? '';
  if (!apiVersion.startsWith('monitoring.coreos.com/')) return out;
  const spec = getMap(d, root, 'spec');
  const name = getString(d, getMap(d, root, 'metadata'), 'name')?.value ?? kind ?? '';
  if (kind === 'ServiceMonitor' || kind === 'PodMonitor') {
    const endpointsKey = kind === 'ServiceMonitor' ? 'endpoints' : 'podMetricsEndpoints';
    const role = kind === 'PodMonitor' ? 'pod' : getString(d, spec, 'serviceDiscoveryRole')?.value === 'EndpointSlice' ? 'endpointslice' : 'endpoints';
    const discovery: DiscoveryContext = { mechanisms: ['kubernetes_sd_configs'], kubernetesRoles: [role], staticLabelNames: [] };
    getSeq(d, spec, endpointsKey)?.items.forEach((item, i) => {
      const endpoint = asMap(d, item);
      const port = asScalar(d, findPair(endpoint, 'port')?.value)?.value;
      const base = { dialect: 'operator' as const, owner: `${kind} ${name} ${endpointsKey}[${i}]${port !== undefined ? ` (port ${port})` : ''}`, discovery, parent: endpoint };
      listAt(doc, endpoint, 'relabelings', { ...base, stage: 'target' }, out);
      listAt(doc, endpoint, 'metricRelabelings', { ...base, stage: 'metric' }, out);
    });
  } else if (kind === 'Probe') {
    const targets = getMap(d, spec, 'targets');
    const staticConfig = getMap(d, targets, 'staticConfig');
    const staticDiscovery: DiscoveryContext = { mechanisms: ['static_configs'], kubernetesRoles: [], staticLabelNames: [...(getMap(d, staticConfig, 'labels')?.items ?? [])].map((p) => keyName(p as Pair) ?? '') };
    listAt(doc, staticConfig, 'relabelingConfigs', { dialect: 'operator', stage: 'probe', owner: `Probe ${name} staticConfig`, discovery: staticDiscovery, parent: staticConfig }, out);
    const ingress = getMap(d, targets, 'ingress');
    listAt(doc, ingress, 'relabelingConfigs', { dialect: 'operator', stage: 'probe', owner: `Probe ${name} ingress`, discovery: { mechanisms: ['kubernetes_sd_configs'], kubernetesRoles: ['ingress'], staticLabelNames: [] }, parent: ingress }, out);
    listAt(doc, spec, 'metricRelabelings', { dialect: 'operator', stage: 'metric', owner: `Probe ${name}`, discovery: none, parent: spec }, out);
  } else if (kind === 'ScrapeConfig') {
    const discovery = operatorScrapeConfigDiscovery(doc, spec);
    listAt(doc, spec, 'relabelings', { dialect: 'operator', stage: 'target', owner: `ScrapeConfig ${name}`, discovery, parent: spec }, out);
    listAt(doc, spec, 'metricRelabelings', { dialect: 'operator', stage: 'metric', owner: `ScrapeConfig ${name}`, discovery, parent: spec }, out);
  }
  return out;
}

/** ScrapeConfig's discovery fields are camelCase (`staticConfigs`, `kubernetesSDConfigs`, `fileSDConfigs`, …). */
function operatorScrapeConfigDiscovery(doc: YamlDoc, spec: YAMLMap | undefined): DiscoveryContext {
  const mechanisms: string[] = [];
  const kubernetesRoles: string[] = [];
  const staticLabelNames: string[] = [];
  for (const pair of spec?.items ?? []) {
    const key = keyName(pair as Pair) ?? '';
    if (key === 'staticConfigs') {
      mechanisms.push('static_configs');
      for (const item of asSeq(doc.parsed, pair.value)?.items ?? []) {
        for (const label of getMap(doc.parsed, asMap(doc.parsed, item), 'labels')?.items ?? []) staticLabelNames.push(keyName(label as Pair) ?? '');
      }
    } else if (/SDConfigs$/.test(key)) {
      const mechanism = `${key.replace(/SDConfigs$/, '').toLowerCase()}_sd_configs`;
      mechanisms.push(mechanism);
      if (mechanism === 'kubernetes_sd_configs') {
        for (const item of asSeq(doc.parsed, pair.value)?.items ?? []) {
          const role = getString(doc.parsed, asMap(doc.parsed, item), 'role')?.value;
          if (role) kubernetesRoles.push(role.toLowerCase());
        }
      }
    }
  }
  return { mechanisms, kubernetesRoles, staticLabelNames };
}

/** The scalar's text as Go's yaml.v2 hands it to a string field: the value as written. */
export function scalarText(doc: YamlDoc, node: Node | null): string | undefined {
  if (!isScalar(node)) return undefined;
  const scalar = node as Scalar;
  if (scalar.value === null) return undefined;
  if (typeof scalar.value === 'string') return scalar.value;
  // A plain number or boolean: yaml.v2 keeps its source text for a string field.
  const range = scalar.range;
  if (range && (scalar.type === 'PLAIN' || scalar.type === undefined)) return doc.text.slice(range[0], range[1]);
  return String(scalar.value);
}

export function isNullNode(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

export { isMap, isScalar, isSeq };
