import type { YAMLMap } from 'yaml';
import { asMap, asScalar, findPair, getMap, getScalar, getSeq, Located, Span, spanOf } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import { contentSpan } from '../compose/commandLine';

/** One `dns_sd_configs` entry of `alerting.alertmanagers[]` in a prometheus.yml. */
export interface AlertmanagerDnsSd {
  node: YAMLMap;
  span: Span;
  names: Located<string>[];
  /** `type` as written; Prometheus' default is SRV. */
  type?: Located<unknown>;
  port?: Located<unknown>;
  /** The `names` key (where a finding about the whole entry goes). */
  anchor: Span;
}

export interface PrometheusAlerting {
  doc: YamlDoc;
  dnsSd: AlertmanagerDnsSd[];
}

const cache = new WeakMap<YamlDoc, PrometheusAlerting | null>();

/**
 * The Alertmanager discovery of a Prometheus server configuration: a document
 * (not a Kubernetes object) with `alerting.alertmanagers`. Only the parts
 * obsconf checks against stack files are read.
 */
export function prometheusAlertingOf(yamlDoc: YamlDoc): PrometheusAlerting | undefined {
  const cached = cache.get(yamlDoc);
  if (cached !== undefined) return cached ?? undefined;
  const result = read(yamlDoc);
  cache.set(yamlDoc, result ?? null);
  return result;
}

export function hasAlertmanagerDiscovery(yamlDoc: YamlDoc): boolean {
  return prometheusAlertingOf(yamlDoc) !== undefined;
}

function read(yamlDoc: YamlDoc): PrometheusAlerting | undefined {
  const doc = yamlDoc.parsed;
  const root = asMap(doc, doc.contents);
  if (!root || findPair(root, 'apiVersion') || findPair(root, 'kind')) return undefined;
  const managers = getSeq(doc, getMap(doc, root, 'alerting'), 'alertmanagers');
  if (!managers) return undefined;
  const dnsSd: AlertmanagerDnsSd[] = [];
  for (const item of managers.items) {
    const manager = asMap(doc, item);
    for (const entry of getSeq(doc, manager, 'dns_sd_configs')?.items ?? []) {
      const node = asMap(doc, entry);
      const span = spanOf(node);
      if (!node || !span) continue;
      const names: Located<string>[] = [];
      for (const name of getSeq(doc, node, 'names')?.items ?? []) {
        const scalar = asScalar(doc, name);
        const nameSpan = spanOf(scalar);
        if (scalar && nameSpan && typeof scalar.value === 'string') names.push({ value: scalar.value, span: contentSpan(yamlDoc.text, scalar, nameSpan, scalar.value) });
      }
      dnsSd.push({
        node,
        span,
        names,
        type: getScalar(doc, node, 'type'),
        port: getScalar(doc, node, 'port'),
        anchor: spanOf(findPair(node, 'names')?.key as never) ?? span,
      });
    }
  }
  return { doc: yamlDoc, dnsSd };
}
