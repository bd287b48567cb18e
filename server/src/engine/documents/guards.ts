import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node, YAMLParseError } from 'yaml';

/** At most this many syntax errors are kept per document; the rest are summed up in one. */
export const MAX_ERRORS_PER_DOCUMENT = 100;
/** A document whose aliases expand it beyond this many nodes (and tenfold its own size) is an alias bomb. */
export const MAX_EXPANDED_NODES = 100_000;

/**
 * Runs `parse` without capturing stack traces: a YAML error is an Error, and
 * a document with a million broken lines would otherwise keep a million
 * stack traces (gigabytes) alive.
 */
export function withoutStackTraces<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Reports keys that repeat in a mapping, as `yaml` does with `uniqueKeys`
 * (same message, same position: the repeated key), but with a set per
 * mapping: the library compares each new key with every earlier one, which
 * takes minutes for a mapping of 100k keys.
 */
export function checkUniqueKeys(parsed: Document.Parsed): void {
  const stack: unknown[] = [parsed.contents];
  const found: YAMLParseError[] = [];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        // NaN is never equal to itself (yaml compares with ===).
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value) && key.range) found.push(new YAMLParseError([key.range[0], key.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          seen.add(key.value);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.key, node.value);
    }
  }
  for (const error of found) parsed.errors.push(error);
}

/**
 * Makes a freshly parsed document safe and readable for the rules:
 * - nesting so deep that the parser ran out of stack gives one clear error
 *   (not hundreds of follow-up errors at the same spot) and no content;
 * - repeated errors are dropped and the rest capped;
 * - aliases that would expand the document to a huge tree ("billion laughs",
 *   or a large list aliased into every container) leave it without content,
 *   so that no rule walks the expansion.
 */
export function guardParsedDocument(parsed: Document.Parsed, text: string): void {
  const exhausted = parsed.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    parsed.errors = [new YAMLParseError(exhausted.pos, 'RESOURCE_EXHAUSTION', 'The document nests too deeply to be parsed (the parser ran out of stack); it was not checked')];
    parsed.contents = null;
    return;
  }
  if (parsed.errors.length > 1) {
    const seen = new Set<string>();
    const unique = parsed.errors.filter((e) => {
      const key = `${e.pos[0]}:${e.pos[1]}:${e.code}:${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (unique.length > MAX_ERRORS_PER_DOCUMENT) {
      const rest = unique.length - MAX_ERRORS_PER_DOCUMENT;
      const next = unique[MAX_ERRORS_PER_DOCUMENT];
      unique.length = MAX_ERRORS_PER_DOCUMENT;
      unique.push(new YAMLParseError(next.pos, next.code, `${rest} more YAML errors in this document (the first ${MAX_ERRORS_PER_DOCUMENT} are shown)`));
    }
    parsed.errors = unique;
  }
  // Only a document that defines an anchor and uses an alias can expand.
  if (text.includes('*') && text.includes('&') && parsed.contents) {
    const expanded = expandedSize(parsed);
    if (expanded.expanded > MAX_EXPANDED_NODES && expanded.expanded > 10 * expanded.literal) {
      const at = expanded.firstAlias ?? [0, 1];
      parsed.errors.push(
        new YAMLParseError(
          at,
          'RESOURCE_EXHAUSTION',
          `Aliases expand this document to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes (from ${expanded.literal.toLocaleString('en-US')} written), which looks like an alias bomb; it was not checked`,
        ),
      );
      parsed.contents = null;
    }
  }
}

function children(node: unknown): unknown[] {
  if (isMap(node) || isSeq(node)) return node.items as unknown[];
  if (isPair(node)) return [node.key, node.value];
  return [];
}

/**
 * How many nodes the document has as written, and as it would be with every
 * alias replaced by its anchor's node (counted without building it; an alias
 * to an anchor that is still open counts as one node).
 */
function expandedSize(parsed: Document.Parsed): { literal: number; expanded: number; firstAlias?: [number, number] } {
  // Anchors by name, in document order: an alias refers to the last definition before it.
  const anchors = new Map<string, Node[]>();
  const order: unknown[] = [];
  const stack: unknown[] = [parsed.contents];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || node === undefined || typeof node !== 'object') continue;
    order.push(node);
    const anchor = (node as Node).anchor;
    if (anchor) {
      let list = anchors.get(anchor);
      if (!list) anchors.set(anchor, (list = []));
      list.push(node as Node);
    }
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  for (const list of anchors.values()) list.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  const target = (alias: Alias): Node | undefined => {
    const candidates = anchors.get(alias.source);
    const at = alias.range?.[0] ?? Infinity;
    let found: Node | undefined;
    for (const candidate of candidates ?? []) if ((candidate.range?.[0] ?? 0) < at) found = candidate;
    return found;
  };
  // Sizes bottom-up: children come after their parent in `order`, so a reverse pass sees them first,
  // except alias targets, which are sized on demand (memoised; an open anchor counts as one).
  const size = new Map<unknown, number>();
  let firstAlias: [number, number] | undefined;
  const sizeOf = (node: unknown, depth: number): number => {
    if (node === null || node === undefined || typeof node !== 'object') return 0;
    const known = size.get(node);
    if (known !== undefined) return known;
    if (isAlias(node)) {
      if (!firstAlias && node.range) firstAlias = [node.range[0], node.range[1]];
      const resolved = target(node);
      if (!resolved || depth > 64) return 1;
      size.set(node, 1); // an alias inside its own anchor
      const result = 1 + sizeOf(resolved, depth + 1);
      size.set(node, result);
      return result;
    }
    size.set(node, 1);
    let total = 1;
    for (const child of children(node)) {
      total += sizeOf(child, depth);
      if (total > 1e12) break;
    }
    size.set(node, total);
    return total;
  };
  for (let i = order.length - 1; i >= 0; i--) sizeOf(order[i], 0);
  return { literal: order.length, expanded: size.get(parsed.contents) ?? order.length, firstAlias };
}
