import { Document, YAMLMap } from 'yaml';
import {
  asMap,
  asScalar,
  findPair,
  getMap,
  getScalar,
  getSeq,
  getString,
  getStringMap,
  Located,
  Span,
  spanOf,
} from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';

/** Kinds whose pod template (or own spec) the endpoints controller matches Service selectors against. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'] as const;

export interface ObjectBase {
  doc: YamlDoc;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  labels: Map<string, string>;
  annotations: Map<string, string>;
  /** The whole object (the document's root mapping). */
  span: Span;
  /** `metadata.name`'s value, else the `kind` value: where object-level findings go. */
  anchor: Span;
  root: YAMLMap;
}

export interface ContainerPort {
  span: Span;
  name?: Located<unknown>;
  containerPort?: Located<unknown>;
  /** The port number when `containerPort` is a valid integer. */
  number?: number;
  protocol: string;
  node: YAMLMap;
}

export interface EnvVar {
  name: string;
  nameSpan: Span;
  span: Span;
  value?: Located<unknown>;
  valueFrom: boolean;
}

export interface Container {
  name?: Located<string>;
  span: Span;
  node: YAMLMap;
  /** An init container with restartPolicy: Always (a native sidecar): it runs beside the app and its named ports resolve. */
  sidecar?: boolean;
  ports: ContainerPort[];
  portsSpan?: Span;
  env: EnvVar[];
  envSpan?: Span;
  command: Located<string>[];
  args: Located<string>[];
}

export interface Workload extends ObjectBase {
  category: 'workload';
  podLabels: Map<string, string>;
  containers: Container[];
  podSpec?: YAMLMap;
}

export interface ServicePort {
  span: Span;
  node: YAMLMap;
  name?: Located<unknown>;
  port?: Located<unknown>;
  targetPort?: Located<unknown>;
  protocol: string;
}

export interface Service extends ObjectBase {
  category: 'service';
  selector?: Map<string, string>;
  selectorSpan?: Span;
  type: string;
  ports: ServicePort[];
  portsSpan?: Span;
  spec?: YAMLMap;
}

export interface SelectorExpression {
  key: string;
  operator: string;
  values: string[];
  span: Span;
}

export interface LabelSelector {
  matchLabels: Map<string, string>;
  matchExpressions: SelectorExpression[];
  span: Span;
}

export interface NamespaceSelector {
  any: boolean;
  matchNames?: string[];
  span?: Span;
}

export interface MonitorEndpoint {
  span: Span;
  node: YAMLMap;
  port?: Located<unknown>;
  targetPort?: Located<unknown>;
  interval?: Located<unknown>;
  scrapeTimeout?: Located<unknown>;
}

export interface Monitor extends ObjectBase {
  category: 'servicemonitor' | 'podmonitor';
  selector?: LabelSelector;
  selectorSpan?: Span;
  namespaceSelector: NamespaceSelector;
  endpoints: MonitorEndpoint[];
  endpointsSpan?: Span;
  spec?: YAMLMap;
}

export interface OtherObject extends ObjectBase {
  category: 'other';
}

export type K8sObject = Workload | Service | Monitor | OtherObject;

const DEFAULT_NAMESPACE = 'default';

/** Reads a Kubernetes object from a document, or undefined when it is not one. */
export function extractObject(yamlDoc: YamlDoc): K8sObject | undefined {
  const doc = yamlDoc.parsed;
  const root = asMap(doc, doc.contents);
  if (!root) return undefined;
  const kind = getString(doc, root, 'kind');
  const apiVersion = getString(doc, root, 'apiVersion');
  if (!kind || !apiVersion) return undefined;
  const metadata = getMap(doc, root, 'metadata');
  const name = getScalar(doc, metadata, 'name');
  const namespace = getString(doc, metadata, 'namespace');
  const base: ObjectBase = {
    doc: yamlDoc,
    apiVersion: apiVersion.value,
    kind: kind.value,
    name: name && typeof name.value === 'string' ? name.value : '',
    namespace: namespace?.value || DEFAULT_NAMESPACE,
    labels: getStringMap(doc, metadata, 'labels') ?? new Map(),
    annotations: getStringMap(doc, metadata, 'annotations') ?? new Map(),
    span: spanOf(root) ?? kind.span,
    anchor: name?.span ?? kind.span,
    root,
  };
  const spec = getMap(doc, root, 'spec');
  if ((WORKLOAD_KINDS as readonly string[]).includes(base.kind)) return extractWorkload(doc, base, spec);
  if (base.kind === 'Service' && apiVersion.value === 'v1') return extractService(doc, base, spec);
  if (apiVersion.value.startsWith('monitoring.coreos.com/')) {
    if (base.kind === 'ServiceMonitor') return extractMonitor(doc, base, spec, 'servicemonitor', 'endpoints');
    if (base.kind === 'PodMonitor') return extractMonitor(doc, base, spec, 'podmonitor', 'podMetricsEndpoints');
  }
  return { ...base, category: 'other' };
}

function podTemplateOf(doc: Document, kind: string, root: YAMLMap, spec: YAMLMap | undefined) {
  if (kind === 'Pod') return { labels: getMap(doc, root, 'metadata'), podSpec: spec };
  let templateParent = spec;
  if (kind === 'CronJob') templateParent = getMap(doc, getMap(doc, spec, 'jobTemplate'), 'spec');
  const template = getMap(doc, templateParent, 'template');
  return { labels: getMap(doc, template, 'metadata'), podSpec: getMap(doc, template, 'spec') };
}

function extractWorkload(doc: Document, base: ObjectBase, spec: YAMLMap | undefined): Workload {
  const { labels, podSpec } = podTemplateOf(doc, base.kind, base.root, spec);
  const containers: Container[] = [];
  for (const item of getSeq(doc, podSpec, 'containers')?.items ?? []) {
    const node = asMap(doc, item);
    if (node) containers.push(extractContainer(doc, node));
  }
  // Named targetPorts resolve in app containers first, then in native sidecars (EndpointSlice controller's findPort).
  for (const item of getSeq(doc, podSpec, 'initContainers')?.items ?? []) {
    const node = asMap(doc, item);
    if (node && getString(doc, node, 'restartPolicy')?.value === 'Always') containers.push({ ...extractContainer(doc, node), sidecar: true });
  }
  return {
    ...base,
    category: 'workload',
    podLabels: getStringMap(doc, labels, 'labels') ?? new Map(),
    containers,
    podSpec,
  };
}

function extractContainer(doc: Document, node: YAMLMap): Container {
  const ports: ContainerPort[] = [];
  const portsSeq = getSeq(doc, node, 'ports');
  for (const item of portsSeq?.items ?? []) {
    const portNode = asMap(doc, item);
    const span = spanOf(portNode);
    if (!portNode || !span) continue;
    const containerPort = getScalar(doc, portNode, 'containerPort');
    const protocol = getString(doc, portNode, 'protocol')?.value ?? 'TCP';
    ports.push({
      span,
      node: portNode,
      name: getScalar(doc, portNode, 'name'),
      containerPort,
      number: typeof containerPort?.value === 'number' && Number.isInteger(containerPort.value) ? containerPort.value : undefined,
      protocol,
    });
  }
  const env: EnvVar[] = [];
  const envSeq = getSeq(doc, node, 'env');
  for (const item of envSeq?.items ?? []) {
    const envNode = asMap(doc, item);
    const name = getString(doc, envNode, 'name');
    const span = spanOf(envNode);
    if (!envNode || !name || !span) continue;
    env.push({
      name: name.value,
      nameSpan: name.span,
      span,
      value: getScalar(doc, envNode, 'value'),
      valueFrom: findPair(envNode, 'valueFrom') !== undefined,
    });
  }
  const strings = (key: string): Located<string>[] => {
    const out: Located<string>[] = [];
    for (const item of getSeq(doc, node, key)?.items ?? []) {
      const scalar = asScalar(doc, item);
      const span = spanOf(scalar);
      if (scalar && span && (typeof scalar.value === 'string' || typeof scalar.value === 'number'))
        out.push({ value: String(scalar.value), span });
    }
    return out;
  };
  return {
    name: getString(doc, node, 'name'),
    span: spanOf(node) ?? { start: 0, end: 0 },
    node,
    ports,
    portsSpan: spanOf(findPair(node, 'ports')),
    env,
    envSpan: spanOf(findPair(node, 'env')),
    command: strings('command'),
    args: strings('args'),
  };
}

function extractService(doc: Document, base: ObjectBase, spec: YAMLMap | undefined): Service {
  const ports: ServicePort[] = [];
  for (const item of getSeq(doc, spec, 'ports')?.items ?? []) {
    const node = asMap(doc, item);
    const span = spanOf(node);
    if (!node || !span) continue;
    ports.push({
      span,
      node,
      name: getScalar(doc, node, 'name'),
      port: getScalar(doc, node, 'port'),
      targetPort: getScalar(doc, node, 'targetPort'),
      protocol: getString(doc, node, 'protocol')?.value ?? 'TCP',
    });
  }
  const selectorPair = findPair(spec, 'selector');
  return {
    ...base,
    category: 'service',
    selector: getStringMap(doc, spec, 'selector'),
    selectorSpan: spanOf(selectorPair),
    type: getString(doc, spec, 'type')?.value ?? 'ClusterIP',
    ports,
    portsSpan: spanOf(findPair(spec, 'ports')),
    spec,
  };
}

export function extractLabelSelector(doc: Document, node: YAMLMap | undefined, span: Span): LabelSelector {
  const matchExpressions: SelectorExpression[] = [];
  for (const item of getSeq(doc, node, 'matchExpressions')?.items ?? []) {
    const expression = asMap(doc, item);
    const key = getString(doc, expression, 'key');
    const operator = getString(doc, expression, 'operator');
    const exprSpan = spanOf(expression);
    if (!expression || !key || !operator || !exprSpan) continue;
    const values: string[] = [];
    for (const value of getSeq(doc, expression, 'values')?.items ?? []) {
      const scalar = asScalar(doc, value);
      if (scalar && scalar.value !== null) values.push(String(scalar.value));
    }
    matchExpressions.push({ key: key.value, operator: operator.value, values, span: exprSpan });
  }
  return { matchLabels: getStringMap(doc, node, 'matchLabels') ?? new Map(), matchExpressions, span };
}

function extractMonitor(
  doc: Document,
  base: ObjectBase,
  spec: YAMLMap | undefined,
  category: 'servicemonitor' | 'podmonitor',
  endpointsKey: string,
): Monitor {
  const selectorPair = findPair(spec, 'selector');
  const selectorSpan = spanOf(selectorPair);
  const selectorNode = getMap(doc, spec, 'selector');
  const namespaceSelectorPair = findPair(spec, 'namespaceSelector');
  const namespaceSelectorNode = getMap(doc, spec, 'namespaceSelector');
  const matchNamesSeq = getSeq(doc, namespaceSelectorNode, 'matchNames');
  const matchNames = matchNamesSeq
    ? matchNamesSeq.items.map((item) => asScalar(doc, item)?.value).filter((v): v is string => typeof v === 'string')
    : undefined;
  const endpoints: MonitorEndpoint[] = [];
  for (const item of getSeq(doc, spec, endpointsKey)?.items ?? []) {
    const node = asMap(doc, item);
    const span = spanOf(node);
    if (!node || !span) continue;
    endpoints.push({
      span,
      node,
      port: getScalar(doc, node, 'port'),
      targetPort: getScalar(doc, node, 'targetPort'),
      interval: getScalar(doc, node, 'interval'),
      scrapeTimeout: getScalar(doc, node, 'scrapeTimeout'),
    });
  }
  return {
    ...base,
    category,
    selector: selectorNode && selectorSpan ? extractLabelSelector(doc, selectorNode, selectorSpan) : undefined,
    selectorSpan,
    namespaceSelector: {
      any: getScalar(doc, namespaceSelectorNode, 'any')?.value === true,
      matchNames,
      span: spanOf(namespaceSelectorPair),
    },
    endpoints,
    endpointsSpan: spanOf(findPair(spec, endpointsKey)),
    spec,
  };
}
