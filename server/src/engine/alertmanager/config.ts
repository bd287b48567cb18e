import { isMap, Pair, YAMLMap } from 'yaml';
import {
  asMap,
  asScalar,
  findPair,
  getMap,
  getNode,
  getScalar,
  getSeq,
  keyName,
  Located,
  Span,
  spanOf,
} from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';

/** A `key: value` pair of a `match`/`match_re` mapping, with both places. */
export interface LabelPair {
  key: Located<string>;
  value: Located<unknown>;
}

export interface AmRoute {
  node: YAMLMap;
  span: Span;
  /** `route` for the root, else the item of its parent's `routes`. */
  isRoot: boolean;
  receiver?: Located<unknown>;
  matchers: Located<unknown>[];
  match: LabelPair[];
  matchRe: LabelPair[];
  groupBy: Located<unknown>[];
  muteTimeIntervals: Located<unknown>[];
  activeTimeIntervals: Located<unknown>[];
  continueFlag?: Located<unknown>;
  /** `group_wait`, `group_interval`, `repeat_interval` as written. */
  durations: { key: string; value: Located<unknown> }[];
  routes: AmRoute[];
}

export interface AmReceiver {
  node: YAMLMap;
  span: Span;
  name?: Located<unknown>;
  /** Each `*_configs` list: its key and the mappings in it. */
  integrations: { key: string; keySpan: Span; items: YAMLMap[] }[];
}

export interface AmInhibitRule {
  node: YAMLMap;
  span: Span;
  sourceMatchers: Located<unknown>[];
  targetMatchers: Located<unknown>[];
  sourceMatch: LabelPair[];
  targetMatch: LabelPair[];
  sourceMatchRe: LabelPair[];
  targetMatchRe: LabelPair[];
  equal: Located<unknown>[];
}

export interface AmTimeInterval {
  name?: Located<unknown>;
  span: Span;
  /** `time_intervals` (current) or `mute_time_intervals` (deprecated). */
  section: 'time_intervals' | 'mute_time_intervals';
}

export interface AlertmanagerConfig {
  doc: YamlDoc;
  root: YAMLMap;
  global?: YAMLMap;
  route?: AmRoute;
  /** The `route` key, where a missing-route or root-route finding goes. */
  routeKeySpan?: Span;
  receivers: AmReceiver[];
  inhibitRules: AmInhibitRule[];
  timeIntervals: AmTimeInterval[];
}

/** Top-level keys of alertmanager.yml (config.Config). */
export const TOP_LEVEL_KEYS = ['global', 'route', 'inhibit_rules', 'receivers', 'templates', 'mute_time_intervals', 'time_intervals'];

const cache = new WeakMap<YamlDoc, AlertmanagerConfig | null>();

/**
 * Whether a document is an Alertmanager configuration, by content: a mapping
 * without Kubernetes `apiVersion`/`kind` whose `route` mapping names a receiver
 * or child routes, or that has `receivers` next to another Alertmanager key.
 */
export function alertmanagerConfigOf(yamlDoc: YamlDoc): AlertmanagerConfig | undefined {
  const cached = cache.get(yamlDoc);
  if (cached !== undefined) return cached ?? undefined;
  let config: AlertmanagerConfig | undefined;
  try {
    config = extract(yamlDoc);
  } catch {
    config = undefined;
  }
  cache.set(yamlDoc, config ?? null);
  return config;
}

export function isAlertmanagerConfig(yamlDoc: YamlDoc): boolean {
  return alertmanagerConfigOf(yamlDoc) !== undefined;
}

function looksLikeAlertmanager(yamlDoc: YamlDoc, root: YAMLMap): boolean {
  const doc = yamlDoc.parsed;
  if (findPair(root, 'apiVersion') || findPair(root, 'kind') || findPair(root, 'services') || findPair(root, 'scrape_configs')) return false;
  const route = getMap(doc, root, 'route');
  if (route && ['receiver', 'routes', 'group_by', 'group_wait'].some((key) => findPair(route, key))) return true;
  if (getSeq(doc, root, 'receivers')) {
    const known = (root.items as Pair[]).filter((pair) => TOP_LEVEL_KEYS.includes(keyName(pair) ?? '')).length;
    return known >= 2;
  }
  return false;
}

function extract(yamlDoc: YamlDoc): AlertmanagerConfig | undefined {
  const doc = yamlDoc.parsed;
  const root = asMap(doc, doc.contents);
  if (!root || !looksLikeAlertmanager(yamlDoc, root)) return undefined;
  const routePair = findPair(root, 'route');
  const routeNode = getMap(doc, root, 'route');
  const receivers: AmReceiver[] = [];
  for (const item of getSeq(doc, root, 'receivers')?.items ?? []) {
    const node = asMap(doc, item);
    const span = spanOf(node);
    if (!node || !span) continue;
    const integrations: AmReceiver['integrations'] = [];
    for (const pair of node.items as Pair[]) {
      const key = keyName(pair);
      const keySpan = spanOf(pair.key as never);
      if (!key || !key.endsWith('_configs') || !keySpan) continue;
      const items = (getSeq(doc, node, key)?.items ?? []).map((i) => asMap(doc, i)).filter((m): m is YAMLMap => m !== undefined);
      integrations.push({ key, keySpan, items });
    }
    receivers.push({ node, span, name: getScalar(doc, node, 'name'), integrations });
  }
  const inhibitRules: AmInhibitRule[] = [];
  for (const item of getSeq(doc, root, 'inhibit_rules')?.items ?? []) {
    const node = asMap(doc, item);
    const span = spanOf(node);
    if (!node || !span) continue;
    inhibitRules.push({
      node,
      span,
      sourceMatchers: scalarList(yamlDoc, node, 'source_matchers'),
      targetMatchers: scalarList(yamlDoc, node, 'target_matchers'),
      sourceMatch: labelPairs(yamlDoc, node, 'source_match'),
      targetMatch: labelPairs(yamlDoc, node, 'target_match'),
      sourceMatchRe: labelPairs(yamlDoc, node, 'source_match_re'),
      targetMatchRe: labelPairs(yamlDoc, node, 'target_match_re'),
      equal: scalarList(yamlDoc, node, 'equal'),
    });
  }
  const timeIntervals: AmTimeInterval[] = [];
  for (const section of ['mute_time_intervals', 'time_intervals'] as const) {
    for (const item of getSeq(doc, root, section)?.items ?? []) {
      const node = asMap(doc, item);
      const span = spanOf(node);
      if (node && span) timeIntervals.push({ name: getScalar(doc, node, 'name'), span, section });
    }
  }
  return {
    doc: yamlDoc,
    root,
    global: getMap(doc, root, 'global'),
    route: routeNode ? extractRoute(yamlDoc, routeNode, true, 0) : undefined,
    routeKeySpan: spanOf(routePair?.key as never),
    receivers,
    inhibitRules,
    timeIntervals,
  };
}

const MAX_ROUTE_DEPTH = 64;

function extractRoute(yamlDoc: YamlDoc, node: YAMLMap, isRoot: boolean, depth: number): AmRoute {
  const doc = yamlDoc.parsed;
  const routes: AmRoute[] = [];
  if (depth < MAX_ROUTE_DEPTH) {
    for (const item of getSeq(doc, node, 'routes')?.items ?? []) {
      const child = asMap(doc, item);
      if (child) routes.push(extractRoute(yamlDoc, child, false, depth + 1));
    }
  }
  const durations: AmRoute['durations'] = [];
  for (const key of ['group_wait', 'group_interval', 'repeat_interval']) {
    const value = getScalar(doc, node, key);
    if (value) durations.push({ key, value });
  }
  return {
    node,
    span: spanOf(node) ?? { start: 0, end: 0 },
    isRoot,
    receiver: getScalar(doc, node, 'receiver'),
    matchers: scalarList(yamlDoc, node, 'matchers'),
    match: labelPairs(yamlDoc, node, 'match'),
    matchRe: labelPairs(yamlDoc, node, 'match_re'),
    groupBy: scalarList(yamlDoc, node, 'group_by'),
    muteTimeIntervals: scalarList(yamlDoc, node, 'mute_time_intervals'),
    activeTimeIntervals: scalarList(yamlDoc, node, 'active_time_intervals'),
    continueFlag: getScalar(doc, node, 'continue'),
    durations,
    routes,
  };
}

function scalarList(yamlDoc: YamlDoc, node: YAMLMap, key: string): Located<unknown>[] {
  const doc = yamlDoc.parsed;
  const out: Located<unknown>[] = [];
  for (const item of getSeq(doc, node, key)?.items ?? []) {
    const scalar = asScalar(doc, item);
    const span = spanOf(scalar);
    if (scalar && span) out.push({ value: scalar.value, span });
  }
  return out;
}

function labelPairs(yamlDoc: YamlDoc, node: YAMLMap, key: string): LabelPair[] {
  const doc = yamlDoc.parsed;
  const map = getNode(doc, node, key);
  if (!isMap(map)) return [];
  const out: LabelPair[] = [];
  for (const pair of map.items as Pair[]) {
    const name = keyName(pair);
    const keySpan = spanOf(pair.key as never);
    if (name === undefined || !keySpan) continue;
    const value = asScalar(doc, pair.value);
    out.push({ key: { value: name, span: keySpan }, value: { value: value?.value ?? null, span: spanOf(value) ?? keySpan } });
  }
  return out;
}

/** Every route of the tree, root first. */
export function* walkRoutes(route: AmRoute | undefined): Iterable<AmRoute> {
  if (!route) return;
  yield route;
  for (const child of route.routes) yield* walkRoutes(child);
}
