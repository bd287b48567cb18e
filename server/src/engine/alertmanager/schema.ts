import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isPair, isSeq, Node, Pair } from 'yaml';
import { deref, keyName, Span, spanOf } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import { editDistance } from '../editDistance';
import schema from '../../../../schemas/alertmanager.schema.json';

export interface SchemaProblem {
  span: Span;
  message: string;
  /** JSON pointer of the offending value, e.g. `/route/routes/0/foo`. */
  path: string;
  /** For an unknown key close to a known one: the key to write instead. */
  suggestion?: string;
}

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  if (!validator) validator = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false, verbose: true }).compile(schema);
  return validator;
}

/**
 * Validates a document against schemas/alertmanager.schema.json and maps each
 * error back to the YAML node it is about (the offending key for unknown keys,
 * the value for wrong types, the mapping's key for missing ones).
 */
export function schemaProblems(yamlDoc: YamlDoc): SchemaProblem[] {
  let data: unknown;
  try {
    data = yamlDoc.parsed.toJS({ maxAliasCount: 1000 });
  } catch {
    return [];
  }
  const check = validate();
  if (check(data)) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of simplify(check.errors ?? [])) {
    const problem = toProblem(yamlDoc, error);
    const key = `${problem.span.start}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** Drops the noise of `anyOf` branches when a plainer error about the same value exists. */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const out: ErrorObject[] = [];
  for (const list of byPath.values()) {
    const anyOf = list.find((e) => e.keyword === 'anyOf');
    if (anyOf) {
      const minLength = list.find((e) => e.keyword === 'minLength');
      out.push(minLength ?? anyOf);
      continue;
    }
    out.push(...list);
  }
  return out;
}

interface Located {
  node: Node | null;
  pair?: Pair;
}

function locate(yamlDoc: YamlDoc, pointer: string): Located {
  const doc = yamlDoc.parsed;
  let node: Node | null = deref(doc, doc.contents);
  let pair: Pair | undefined;
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const segment of segments) {
    if (isMap(node)) {
      pair = (node.items as Pair[]).find((p) => keyName(p) === segment);
      node = pair ? deref(doc, pair.value) : null;
    } else if (isSeq(node)) {
      pair = undefined;
      node = deref(doc, node.items[Number(segment)]);
    } else break;
    if (!node) break;
  }
  return { node, pair };
}

function describe(value: Node | null): string {
  if (!value) return 'empty';
  if (isMap(value)) return 'a mapping';
  if (isSeq(value)) return 'a list';
  return JSON.stringify((value as { value?: unknown }).value) ?? 'a scalar';
}

/** A node's span without the line break and indentation a block collection ends with. */
function trimmed(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start + 1 && /\s/.test(text[end - 1])) end--;
  return { start: span.start, end };
}

function toProblem(yamlDoc: YamlDoc, error: ErrorObject): SchemaProblem {
  const where = error.instancePath === '' ? 'the top level' : `"${error.instancePath.slice(1).replace(/\//g, '.')}"`;
  const { node, pair } = locate(yamlDoc, error.instancePath);
  const fallback = spanOf(yamlDoc.parsed.contents as Node) ?? { start: 0, end: 1 };
  const valueSpan = trimmed(yamlDoc.text, spanOf(node) ?? spanOf(pair?.key as Node) ?? fallback);
  const keySpan = spanOf(pair?.key as Node) ?? valueSpan;
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      const extraPair = isMap(node) ? (node.items as Pair[]).find((p) => keyName(p) === extra) : undefined;
      const span = spanOf(extraPair?.key as Node) ?? keySpan;
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== extra);
      const near = known.find((k) => similar(k, extra));
      return {
        span,
        path: `${error.instancePath}/${extra}`,
        message: `Unknown key "${extra}" in ${where}; Alertmanager refuses the configuration ("field ${extra} not found").${near ? ` Did you mean "${near}"?` : ''}`,
        suggestion: near,
      };
    }
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const span = isPair(pair) ? keySpan : error.instancePath === '' ? { start: fallback.start, end: fallback.start + 1 } : valueSpan;
      return { span, path: error.instancePath, message: `${where === 'the top level' ? 'The configuration' : where} has no "${missing}"; Alertmanager requires it.` };
    }
    case 'type': {
      const expected = String((error.params as { type: string | string[] }).type).replace(/,null$/, '').replace(/,/g, ' or ');
      return { span: valueSpan, path: error.instancePath, message: `${where} must be ${article(expected)}, not ${describe(node)}.` };
    }
    case 'minLength':
      return { span: valueSpan, path: error.instancePath, message: `${where} must not be empty.` };
    default:
      return { span: valueSpan, path: error.instancePath, message: `${where} ${error.message ?? 'is invalid'}.` };
  }
}

function article(type: string): string {
  const words: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', boolean: 'true or false', integer: 'an integer', number: 'a number' };
  return type.split(' or ').map((t) => words[t] ?? t).join(' or ');
}

function similar(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.replace(/_/g, '') === b.replace(/[-_]/g, '').toLowerCase()) return true;
  return editDistance(a, b) <= (Math.min(a.length, b.length) >= 6 ? 2 : 1);
}
