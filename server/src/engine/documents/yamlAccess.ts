import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/** Offsets relative to the document's own text. */
export interface Span {
  start: number;
  end: number;
}

/** A value read from YAML together with the place it came from. */
export interface Located<T> {
  value: T;
  span: Span;
}

type AnyNode = Node | Pair | null | undefined;

export function spanOf(node: AnyNode): Span | undefined {
  if (!node) return undefined;
  if (isPair(node)) {
    const key = node.key as Node | null;
    const value = node.value as Node | null;
    const start = key?.range?.[0] ?? value?.range?.[0];
    const end = value?.range?.[1] ?? key?.range?.[1];
    return start === undefined || end === undefined ? undefined : { start, end };
  }
  const range = (node as Node).range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

/** Follows an alias to the node it names; aliases never expand more than one level here. */
export function deref(doc: Document, node: unknown): Node | null {
  if (isAlias(node)) {
    try {
      const target = node.resolve(doc);
      return isAlias(target) ? null : ((target as Node | undefined) ?? null);
    } catch {
      return null;
    }
  }
  return (node as Node | null) ?? null;
}

export function asMap(doc: Document, node: unknown): YAMLMap | undefined {
  const resolved = deref(doc, node);
  return isMap(resolved) ? resolved : undefined;
}

export function asSeq(doc: Document, node: unknown): YAMLSeq | undefined {
  const resolved = deref(doc, node);
  return isSeq(resolved) ? resolved : undefined;
}

export function asScalar(doc: Document, node: unknown): Scalar | undefined {
  const resolved = deref(doc, node);
  return isScalar(resolved) ? resolved : undefined;
}

export function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

export function findPair(map: YAMLMap | undefined, key: string): Pair | undefined {
  if (!map) return undefined;
  for (const item of map.items) {
    if (isScalar(item.key) && item.key.value === key) return item as Pair;
  }
  return undefined;
}

/** The value node under `key`, aliases followed. */
export function getNode(doc: Document, map: YAMLMap | undefined, key: string): Node | null {
  const pair = findPair(map, key);
  return pair ? deref(doc, pair.value) : null;
}

export function getMap(doc: Document, map: YAMLMap | undefined, key: string): YAMLMap | undefined {
  return asMap(doc, findPair(map, key)?.value);
}

export function getSeq(doc: Document, map: YAMLMap | undefined, key: string): YAMLSeq | undefined {
  return asSeq(doc, findPair(map, key)?.value);
}

/** A scalar under `key` as written (string, number, boolean or null), with its span. */
export function getScalar(doc: Document, map: YAMLMap | undefined, key: string): Located<unknown> | undefined {
  const pair = findPair(map, key);
  if (!pair) return undefined;
  const node = deref(doc, pair.value);
  const span = spanOf(node) ?? spanOf(pair);
  if (!span) return undefined;
  if (isScalar(node)) return { value: node.value, span };
  // Present but not a scalar: keep the node so that type rules can point at it.
  return { value: node === null ? null : { __nonScalar: true }, span };
}

export function getString(doc: Document, map: YAMLMap | undefined, key: string): Located<string> | undefined {
  const found = getScalar(doc, map, key);
  return found && typeof found.value === 'string' ? (found as Located<string>) : undefined;
}

/** Reads a `map[string]string` such as `labels`; non-string values are stringified like Kubernetes would refuse, so skipped. */
export function getStringMap(doc: Document, map: YAMLMap | undefined, key: string): Map<string, string> | undefined {
  const labels = getMap(doc, map, key);
  if (!labels) return undefined;
  const out = new Map<string, string>();
  for (const pair of labels.items) {
    const name = keyName(pair as Pair);
    const value = asScalar(doc, pair.value);
    if (name !== undefined && value && value.value !== null && typeof value.value !== 'object') out.set(name, String(value.value));
  }
  return out;
}

export function isNonScalar(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { __nonScalar?: boolean }).__nonScalar === true;
}
