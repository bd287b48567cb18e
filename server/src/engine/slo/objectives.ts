import { isMap, isScalar, isSeq, Node, Pair, YAMLMap } from 'yaml';
import { asMap, deref, findPair, getMap, getScalar, getSeq, getString, keyName, Span } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import { parsePrometheusDuration } from '../prometheus/duration';
import { parseObjective } from './budget';

/** The annotation that states a ServiceMonitor's availability objective, in percent ("99.9" or "99.9%"). */
export const SLO_ANNOTATION = 'obsconf.dev/slo-objective';

export type ObjectiveSource = 'sloth' | 'openslo' | 'slo-key' | 'annotation';

/** An availability objective written in a document. */
export interface ObjectiveSite {
  source: ObjectiveSource;
  /** The value node. */
  span: Span;
  /** The key, for messages. */
  key: string;
  raw: unknown;
  /** How the value is meant: `percent` (99.9) or `ratio` (0.999). */
  form: 'percent' | 'ratio';
  /** The objective as a ratio, or why it is not usable. */
  ratio?: number;
  error?: string;
  /** The value the author most likely meant, when the error is a percentage/ratio mix-up. */
  suggestion?: string;
  /** The SLO's own window in seconds, when the spec states one (OpenSLO timeWindow, Sloth's 30 days). */
  windowSeconds?: number;
}

const cache = new WeakMap<YamlDoc, ObjectiveSite[]>();

/**
 * The availability objectives of a document: Sloth specs (`objective: 99.9`,
 * plain or as the PrometheusServiceLevel CRD), OpenSLO SLOs (`target: 0.999`,
 * `targetPercent: 99.9`), any `slo:` key holding a ratio, and the
 * `obsconf.dev/slo-objective` annotation of a ServiceMonitor.
 */
export function objectivesOf(yamlDoc: YamlDoc): ObjectiveSite[] {
  const cached = cache.get(yamlDoc);
  if (cached) return cached;
  let sites: ObjectiveSite[] = [];
  try {
    sites = find(yamlDoc);
  } catch {
    sites = [];
  }
  cache.set(yamlDoc, sites);
  return sites;
}

function site(yamlDoc: YamlDoc, map: YAMLMap | undefined, key: string, source: ObjectiveSource, form: 'percent' | 'ratio', windowSeconds?: number): ObjectiveSite | undefined {
  const located = getScalar(yamlDoc.parsed, map, key);
  if (!located) return undefined;
  const raw = located.value;
  const base = { source, span: located.span, key, raw, form, windowSeconds };
  if (typeof raw !== 'number' && typeof raw !== 'string') return { ...base, error: `${key} must be a number.` };
  const text = String(raw).trim();
  if (form === 'percent' && !text.endsWith('%') && Number(text) > 0 && Number(text) < 1) {
    const meant = String(Number((Number(text) * 100).toPrecision(12)));
    return { ...base, suggestion: meant, error: `${key} is a percentage: ${text} means ${text} %, an objective that allows ${Number((100 - Number(text)).toPrecision(12))} % of failures. For ${meant} % write ${meant}.` };
  }
  if (form === 'ratio' && !text.endsWith('%') && Number(text) > 1 && Number(text) < 100) {
    const meant = String(Number((Number(text) / 100).toPrecision(12)));
    return { ...base, suggestion: meant, error: `${key} is a ratio between 0 and 1: ${text} is not; for ${text} % write ${meant}.` };
  }
  const parsed = parseObjective(text, text.endsWith('%') ? 'percent' : form);
  return 'error' in parsed ? { ...base, error: parsed.error } : { ...base, ratio: parsed.ratio };
}

function find(yamlDoc: YamlDoc): ObjectiveSite[] {
  const doc = yamlDoc.parsed;
  const root = asMap(doc, doc.contents);
  if (!root) return [];
  const out: ObjectiveSite[] = [];
  const push = (s: ObjectiveSite | undefined) => s && out.push(s);
  const apiVersion = getString(doc, root, 'apiVersion')?.value ?? '';
  const kind = getString(doc, root, 'kind')?.value ?? '';
  const version = getString(doc, root, 'version')?.value ?? '';

  // Sloth: the plain spec (version: prometheus/v1) and the Kubernetes CRD; objectives in percent over 30 days by default.
  const slothSlos =
    version.startsWith('prometheus/') ? getSeq(doc, root, 'slos') : apiVersion.startsWith('sloth.slok.dev/') && kind === 'PrometheusServiceLevel' ? getSeq(doc, getMap(doc, root, 'spec'), 'slos') : undefined;
  for (const item of slothSlos?.items ?? []) push(site(yamlDoc, asMap(doc, item), 'objective', 'sloth', 'percent', 30 * 86400));

  // OpenSLO: objectives[].target (ratio) or targetPercent, over spec.timeWindow.
  if (apiVersion.startsWith('openslo/') && kind === 'SLO') {
    const spec = getMap(doc, root, 'spec');
    const windowText = getString(doc, asMap(doc, getSeq(doc, spec, 'timeWindow')?.items[0]), 'duration')?.value;
    const windowMs = windowText ? parsePrometheusDuration(windowText) : undefined;
    const windowSeconds = windowMs ? windowMs / 1000 : undefined;
    for (const item of getSeq(doc, spec, 'objectives')?.items ?? []) {
      const objective = asMap(doc, item);
      push(site(yamlDoc, objective, 'target', 'openslo', 'ratio', windowSeconds) ?? site(yamlDoc, objective, 'targetPercent', 'openslo', 'percent', windowSeconds));
    }
  }

  // The annotation form on a ServiceMonitor.
  if (kind === 'ServiceMonitor') {
    push(site(yamlDoc, getMap(doc, getMap(doc, root, 'metadata'), 'annotations'), SLO_ANNOTATION, 'annotation', 'percent'));
  }

  // Any `slo:` key with a scalar value, anywhere (a ratio such as 0.999, or "99.9%"); the text test keeps the walk off other documents.
  if (!/(^|\s)slo\s*:/.test(yamlDoc.text)) return out;
  const seen = new Set(out.map((s) => s.span.start));
  walk(yamlDoc, root, 0, (map) => {
    const value = deref(doc, findPair(map, 'slo')?.value);
    if (!isScalar(value)) return;
    const found = site(yamlDoc, map, 'slo', 'slo-key', 'ratio');
    if (found && !seen.has(found.span.start) && (typeof found.raw === 'number' || /^\s*[0-9.]+\s*%?\s*$/.test(String(found.raw)))) out.push(found);
  });
  return out;
}

function walk(yamlDoc: YamlDoc, node: Node | null, depth: number, visit: (map: YAMLMap) => void): void {
  if (!node || depth > 12) return;
  if (isMap(node)) {
    visit(node);
    for (const pair of node.items as Pair[]) if (keyName(pair) !== undefined) walk(yamlDoc, deref(yamlDoc.parsed, pair.value), depth + 1, visit);
  } else if (isSeq(node)) {
    for (const item of node.items) walk(yamlDoc, deref(yamlDoc.parsed, item), depth + 1, visit);
  }
}

/** The objective whose value covers a document offset (for hovers). */
export function objectiveAt(yamlDoc: YamlDoc, offset: number): ObjectiveSite | undefined {
  return objectivesOf(yamlDoc).find((s) => offset >= s.span.start && offset <= s.span.end);
}

