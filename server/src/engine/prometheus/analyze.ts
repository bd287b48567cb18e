import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Span } from '../documents/yamlAccess';
import { keyName, spanOf } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import type { FixInput } from '../rules/types';
import prometheusSchema from '../../../../schemas/prometheus-relabel-config.schema.json';
import operatorSchema from '../../../../schemas/prometheus-operator-relabel-config.schema.json';
import { Dialect, FieldName, fieldKey, findRelabelLists, isNullNode, RelabelList, RuleNode, scalarText } from './locate';
import { checkMetaLabel } from './metaLabels';
import { compileRelabelRegex, compilesAlone, findPcreConstruct, isRegexError, parseTemplate, TemplatePart } from './regex';
import { ACTIONS, Action, DEFAULTS, EffectiveRule, isValidLabelName } from './relabel';
import { featuresOf, PrometheusVersion, resolveVersion, VersionFeatures } from './version';

/** The rule files that report each kind of problem (`prometheus/<name>`). */
export type ProblemKind =
  | 'relabel-schema'
  | 'relabel-action'
  | 'relabel-required-field'
  | 'relabel-field-not-allowed'
  | 'relabel-label-name'
  | 'relabel-regex'
  | 'relabel-regex-anchor'
  | 'relabel-regex-unbalanced'
  | 'relabel-replacement-group'
  | 'relabel-meta-label';

export interface Problem {
  kind: ProblemKind;
  span: Span;
  message: string;
  fixes?: ProblemFix[];
}

export type ProblemFix = Omit<FixInput, 'edits'> & { edits: { span: Span; newText: string }[] };

export interface RuleAnalysis {
  node: RuleNode;
  /** The rule with every default filled in, when Prometheus would load it. */
  effective?: EffectiveRule;
  /** The rule with defaults, even when it has errors (for hovers). */
  partial: Omit<Partial<EffectiveRule>, 'action'> & { action?: string };
  problems: Problem[];
  /** Which fields the user wrote (the rest are defaults). */
  written: Set<FieldName>;
}

export interface ListAnalysis {
  list: RelabelList;
  rules: RuleAnalysis[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validators: Record<Dialect, ValidateFunction> = {
  prometheus: ajv.compile(prometheusSchema),
  operator: ajv.compile(operatorSchema),
};

const cache = new WeakMap<YamlDoc, { version: string; lists: ListAnalysis[] }>();

/** Every relabel list of a document, analysed for the given Prometheus version (cached per document). */
export function analyzeDocument(doc: YamlDoc, versionText: string | undefined): ListAnalysis[] {
  const version = resolveVersion(versionText);
  const cached = cache.get(doc);
  if (cached && cached.version === version.text) return cached.lists;
  const lists = findRelabelLists(doc).map((list) => analyzeList(list, version));
  cache.set(doc, { version: version.text, lists });
  return lists;
}

export function analyzeList(list: RelabelList, version: PrometheusVersion): ListAnalysis {
  const features = featuresOf(version);
  return { list, rules: list.rules.map((rule) => analyzeRule(rule, list, features, version)) };
}

function keyText(field: FieldName, dialect: Dialect): string {
  return fieldKey(field, dialect);
}

function analyzeRule(rule: RuleNode, list: RelabelList, features: VersionFeatures, version: PrometheusVersion): RuleAnalysis {
  const problems: Problem[] = [];
  const dialect = list.dialect;
  const k = (field: FieldName) => keyText(field, dialect);
  const written = new Set(Object.keys(rule.fields) as FieldName[]);
  const partial: RuleAnalysis['partial'] = {};
  const analysis: RuleAnalysis = { node: rule, partial, problems, written };
  if (!isMap(rule.node)) {
    problems.push({ kind: 'relabel-schema', span: rule.span, message: `A relabel config must be a mapping (${k('source_labels')}, ${k('regex')}, ${k('action')}, …), not ${describeNode(rule.node)}.` });
    return analysis;
  }
  schemaProblems(rule, dialect, problems);
  const f = rule.fields;
  const doc = rule.doc;

  // Read each field as Prometheus' YAML decoder does; a wrong type was reported above.
  const text = (field: FieldName): string | undefined => {
    const node = f[field]?.value ?? null;
    if (!f[field]) return undefined;
    if (isNullNode(node)) return '';
    return scalarText(doc, node);
  };

  // Action.
  let action: Action | undefined;
  const actionField = f.action;
  if (!actionField) action = DEFAULTS.action;
  else if (isNullNode(actionField.value)) {
    problems.push({ kind: 'relabel-action', span: actionField.keySpan, message: `relabel action cannot be empty; write one of ${availableActions(features).join(', ')} (or leave ${k('action')} out for replace).` });
  } else {
    const raw = text('action');
    if (raw !== undefined) {
      partial.action = raw;
      const lower = raw.toLowerCase() as Action;
      if (!(ACTIONS as readonly string[]).includes(lower)) {
        problems.push({ kind: 'relabel-action', span: actionField.valueSpan, message: `unknown relabel action "${raw}"; write one of ${availableActions(features).join(', ')}.` });
      } else if (!actionAvailable(lower, features)) {
        const since = lower === 'lowercase' || lower === 'uppercase' ? '2.36' : '2.41';
        problems.push({
          kind: 'relabel-action',
          span: actionField.valueSpan,
          message: `The ${lower} action needs Prometheus ${since} or later; with obsconf.prometheus.version ${version.text} Prometheus rejects it as an unknown relabel action.`,
        });
      } else action = lower;
    }
  }
  if (action) partial.action = action;

  // Source labels.
  let sourceLabels: string[] = [];
  const sourceField = f.source_labels;
  const sourceSet = sourceField !== undefined && !isNullNode(sourceField.value);
  if (sourceField && isSeq(sourceField.value)) {
    for (const item of (sourceField.value as YAMLSeq).items) {
      const node = item as Node;
      const name = isScalar(node) ? (scalarText(doc, node) ?? '') : undefined;
      if (name === undefined) continue;
      sourceLabels.push(name);
      if (!isValidLabelName(name, features)) {
        problems.push({ kind: 'relabel-label-name', span: spanOf(node) ?? sourceField.valueSpan, message: `"${name}" is not a valid label name${features.utf8LabelNames ? '' : ' (letters, digits and underscores, not starting with a digit)'}; Prometheus rejects the source label.` });
      }
    }
  }
  partial.sourceLabels = sourceLabels;

  const separator = text('separator');
  partial.separator = separator ?? DEFAULTS.separator;
  const targetLabel = text('target_label') ?? '';
  partial.targetLabel = targetLabel;
  const replacement = text('replacement');
  partial.replacement = replacement ?? DEFAULTS.replacement;

  // Regex: a missing key is the default; an empty value (null) is the empty regex.
  const regexField = f.regex;
  const regexText = regexField ? (text('regex') ?? '') : DEFAULTS.regex;
  partial.regex = regexText;
  let groupInfo: { count: number; names: Map<string, number> } | undefined;
  if (regexField && isScalar(regexField.value) || regexField && isNullNode(regexField.value)) {
    const compiled = compileRelabelRegex(regexText, features);
    const span = regexField.value ? regexField.valueSpan : regexField.keySpan;
    if (isRegexError(compiled)) {
      const pcre = compiled.pcre ?? findPcreConstruct(regexText);
      const message = pcre
        ? `RE2 (Go's regexp, used by Prometheus) does not support ${pcre.name} (\`${pcre.text}\`): ${compiled.message}.`
        : `${compiled.message}.`;
      problems.push({ kind: 'relabel-regex', span, message });
    } else {
      groupInfo = { count: compiled.groupCount, names: compiled.names };
      anchorProblems(regexText, span, problems, features);
    }
  } else if (!regexField) {
    groupInfo = { count: 1, names: new Map() };
  }

  // Modulus.
  let modulus: number | bigint = 0;
  const modulusField = f.modulus;
  if (modulusField && isScalar(modulusField.value) && typeof modulusField.value.value === 'number' && Number.isInteger(modulusField.value.value) && modulusField.value.value >= 0) {
    modulus = modulusField.value.value;
  }
  partial.modulus = modulus;

  if (action) validateSemantics();

  function validateSemantics(): void {
    const a = action!;
    const targetSpan = f.target_label?.valueSpan ?? f.target_label?.keySpan ?? rule.span;
    const firstKeySpan = spanOf((rule.node as YAMLMap).items[0]?.key as Node) ?? rule.span;
    if (a === 'hashmod' && modulus === 0) {
      problems.push({ kind: 'relabel-required-field', span: modulusField?.valueSpan ?? firstKeySpan, message: `The hashmod action needs a non-zero ${k('modulus')} (the number of shards).` });
    }
    const needsTarget = ['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(a);
    if (needsTarget && targetLabel === '') {
      problems.push({
        kind: 'relabel-required-field',
        span: f.target_label ? targetSpan : (actionField?.valueSpan ?? firstKeySpan),
        message: `The ${a} action needs a ${k('target_label')}: the label it ${a === 'keepequal' || a === 'dropequal' ? 'compares the source value with' : 'writes'}.`,
      });
    } else if (needsTarget) {
      const hasDollar = targetLabel.includes('$');
      let valid: boolean;
      if (a === 'replace' && hasDollar) valid = features.utf8LabelNames ? isValidLabelName(targetLabel, features) : LEGACY_TEMPLATE.test(targetLabel);
      else if (a !== 'replace' && a !== 'hashmod' && !features.utf8LabelNames) {
        // Before 3.0, lowercase/uppercase/keepequal/dropequal checked target_label with the template-tolerant pattern (promtool 2.42 accepts "${1}").
        valid = LEGACY_TEMPLATE.test(targetLabel);
      } else valid = isValidLabelName(targetLabel, features);
      if (!valid) {
        problems.push({
          kind: 'relabel-label-name',
          span: targetSpan,
          message: `"${targetLabel}" is invalid 'target_label' for ${a} action: ${labelNameRule(features, a === 'replace')}.`,
        });
      }
    }
    if (['lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(a) && (replacement ?? DEFAULTS.replacement) !== DEFAULTS.replacement) {
      problems.push({ kind: 'relabel-field-not-allowed', span: f.replacement!.keySpan, message: `'${k('replacement')}' can not be set for ${a} action; remove it.` });
    } else if (a === 'keepequal' || a === 'dropequal') {
      const extra: string[] = [];
      if (regexField) extra.push(k('regex'));
      if (modulus !== 0) extra.push(k('modulus'));
      if ((separator ?? DEFAULTS.separator) !== DEFAULTS.separator) extra.push(k('separator'));
      if (extra.length) {
        const spanField = regexField ?? (modulus !== 0 ? modulusField : f.separator);
        problems.push({
          kind: 'relabel-field-not-allowed',
          span: spanField?.keySpan ?? rule.span,
          message: `${a} action requires only '${k('source_labels')}' and '${k('target_label')}', and no other fields; remove ${extra.join(', ')}.`,
        });
      }
    }
    if (a === 'labeldrop' || a === 'labelkeep') {
      const extra: { name: string; span: Span }[] = [];
      if (sourceSet || (sourceField && isSeq(sourceField.value))) extra.push({ name: k('source_labels'), span: sourceField!.keySpan });
      if (targetLabel !== '') extra.push({ name: k('target_label'), span: f.target_label!.keySpan });
      if (modulus !== 0) extra.push({ name: k('modulus'), span: modulusField!.keySpan });
      if ((separator ?? DEFAULTS.separator) !== DEFAULTS.separator) extra.push({ name: k('separator'), span: f.separator!.keySpan });
      if ((replacement ?? DEFAULTS.replacement) !== DEFAULTS.replacement) extra.push({ name: k('replacement'), span: f.replacement!.keySpan });
      if (extra.length) {
        problems.push({
          kind: 'relabel-field-not-allowed',
          span: extra[0].span,
          message: `${a} action requires only '${k('regex')}', and no other fields; remove ${extra.map((e) => e.name).join(', ')}. It matches the regex against label names.`,
        });
      }
    }
    if (a === 'labelmap') {
      const r = replacement ?? DEFAULTS.replacement;
      const valid = features.utf8LabelNames ? isValidLabelName(r, features) : LEGACY_TEMPLATE.test(r);
      if (!valid) {
        problems.push({
          kind: 'relabel-label-name',
          span: f.replacement?.valueSpan ?? f.replacement?.keySpan ?? rule.span,
          message: `"${r}" is invalid 'replacement' for labelmap action: the replacement is the new label name, ${labelNameRule(features, true)}.`,
        });
      }
    }
    // Group references in templates.
    if (groupInfo && (a === 'replace' || a === 'labelmap')) {
      const templates: { field: FieldName; text: string }[] = [{ field: 'replacement', text: replacement ?? DEFAULTS.replacement }];
      if (a === 'replace') templates.push({ field: 'target_label', text: targetLabel });
      for (const template of templates) groupProblems(template.field, template.text, groupInfo, a);
    }
    // Meta labels.
    if (list.stage === 'target' || list.stage === 'probe' || list.stage === 'alertmanager') {
      if (sourceField && isSeq(sourceField.value)) {
        for (const item of (sourceField.value as YAMLSeq).items) {
          const name = isScalar(item) ? scalarText(doc, item as Node) : undefined;
          if (!name) continue;
          const problem = checkMetaLabel(name, list.discovery);
          if (problem) {
            const span = spanOf(item as Node)!;
            problems.push({
              kind: 'relabel-meta-label',
              span,
              message: problem.message,
              fixes: problem.suggestion ? [{ title: `Change to ${problem.suggestion}`, safe: false, edits: [{ span, newText: problem.suggestion }] }] : undefined,
            });
          }
        }
      }
    }
  }

  function groupProblems(field: FieldName, template: string, groups: { count: number; names: Map<string, number> }, a: Action): void {
    const fieldNode = f[field];
    if (!fieldNode && !(field === 'replacement' && (a === 'replace' || a === 'labelmap'))) return;
    const parts = parseTemplate(template);
    const valueNode = fieldNode?.value;
    const quoted = valueNode && isScalar(valueNode) && (valueNode.type === 'QUOTE_DOUBLE' || valueNode.type === 'QUOTE_SINGLE');
    // Offsets inside the scalar map to the document only for plain and single-quoted scalars without escapes.
    const sourceText = fieldNode ? doc.text.slice(fieldNode.valueSpan.start, fieldNode.valueSpan.end) : '';
    const inner = quoted ? sourceText.slice(1, -1) : sourceText;
    const exact = inner === template;
    const base = fieldNode ? fieldNode.valueSpan.start + (quoted ? 1 : 0) : 0;
    for (const part of parts as TemplatePart[]) {
      if (part.kind !== 'ref') continue;
      const span = fieldNode ? (exact ? { start: base + part.offset, end: base + part.offset + part.length } : fieldNode.valueSpan) : (f.regex?.valueSpan ?? rule.span);
      const exists = part.num >= 0 ? part.num <= groups.count : groups.names.has(part.name);
      if (exists) continue;
      // `$1x` is the group named "1x" in Go; the user almost always meant group 1 followed by "x".
      const digits = /^(\d+)(.+)$/.exec(part.name);
      if (!part.braced && digits && Number(digits[1]) <= groups.count) {
        const newText = `\${${digits[1]}}${digits[2]}`;
        problems.push({
          kind: 'relabel-replacement-group',
          span,
          message: `$${part.name} names a group "${part.name}", not group ${digits[1]} followed by "${digits[2]}" (Go's regexp.Expand takes the longest name); it expands to nothing. Write ${newText}.`,
          fixes: exact ? [{ title: `Write ${newText}`, safe: true, edits: [{ span, newText }] }] : undefined,
        });
        continue;
      }
      const where = fieldNode ? k(field) : `the default ${k(field)} "$1"`;
      const have = groups.count === 0 ? 'has no capturing groups' : `has ${groups.count} capturing group${groups.count === 1 ? '' : 's'}${groups.names.size ? ` (named ${[...groups.names.keys()].join(', ')})` : ''}`;
      problems.push({
        kind: 'relabel-replacement-group',
        span,
        message: `${where} refers to ${part.num >= 0 ? `group ${part.num}` : `group "${part.name}"`}, but the regex ${have}; it expands to an empty string.`,
      });
    }
  }

  if (!problems.some((p) => isErrorKind(p.kind)) && action) {
    analysis.effective = {
      sourceLabels,
      separator: separator ?? DEFAULTS.separator,
      regex: regexText,
      modulus,
      targetLabel,
      replacement: replacement ?? DEFAULTS.replacement,
      action,
    };
  }
  return analysis;
}

/** Problem kinds that make Prometheus refuse the configuration. */
export function isErrorKind(kind: ProblemKind): boolean {
  return !['relabel-regex-anchor', 'relabel-regex-unbalanced', 'relabel-replacement-group', 'relabel-meta-label'].includes(kind);
}

/** `relabelTarget` in Prometheus: a legacy label name in which `$1`/`${name}` may stand for characters. */
const LEGACY_TEMPLATE = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

function labelNameRule(features: VersionFeatures, templates: boolean): string {
  if (features.utf8LabelNames) return 'label names must be non-empty UTF-8';
  return `label names are letters, digits and underscores, not starting with a digit${templates ? ' ($1 or ${name} may stand for such characters)' : ''}`;
}

function actionAvailable(action: Action, features: VersionFeatures): boolean {
  if (action === 'lowercase' || action === 'uppercase') return features.caseActions;
  if (action === 'keepequal' || action === 'dropequal') return features.equalActions;
  return true;
}

function availableActions(features: VersionFeatures): Action[] {
  return ACTIONS.filter((a) => actionAvailable(a, features));
}

function anchorProblems(regex: string, span: Span, problems: Problem[], features: VersionFeatures): void {
  if (!compilesAlone(regex)) {
    // The regex only compiles inside Prometheus' wrapper: it closes that group early, so the anchors no longer cover it.
    problems.push({
      kind: 'relabel-regex-unbalanced',
      span,
      message: `The regex has an unbalanced ")" that closes the group Prometheus wraps it in (^(?${features.dotMatchesNewline ? 's' : ''}:…)$); the anchors then apply to only part of it. Balance the parentheses.`,
    });
    return;
  }
  const leading = regex.startsWith('^');
  const trailing = regex.endsWith('$') && !regex.endsWith('\\$');
  if (leading || trailing) {
    const which = leading && trailing ? '^ and $ are' : leading ? '^ is' : '$ is';
    problems.push({
      kind: 'relabel-regex-anchor',
      span,
      message: `${which} redundant: Prometheus anchors every relabel regex at both ends (^(?${features.dotMatchesNewline ? 's' : ''}:…)$).`,
    });
  }
}

function describeNode(node: Node | null): string {
  if (node === null) return 'an empty value';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return `the scalar ${JSON.stringify(node.value)}`;
  return 'this value';
}

/** JSON-schema problems, located at the YAML node each error's path leads to. */
function schemaProblems(rule: RuleNode, dialect: Dialect, problems: Problem[]): void {
  const map = rule.node as YAMLMap;
  const value = map.toJSON();
  const validate = validators[dialect];
  if (validate(value)) return;
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const located = locate(rule, map, error);
    const key = `${located.span.start}:${error.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ kind: 'relabel-schema', span: located.span, message: schemaMessage(error, located.path, dialect) });
  }
}

function locate(rule: RuleNode, map: YAMLMap, error: ErrorObject): { span: Span; path: string } {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = map;
  let span: Span = rule.span;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find((p) => keyName(p) === segment);
      node = rule.doc.parsed && pair ? pair.value : undefined;
      span = spanOf(node as Node) ?? spanOf(pair?.key as Node) ?? span;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      span = spanOf(node as Node) ?? span;
    }
  }
  if (error.keyword === 'additionalProperties' && isMap(node)) {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    const pair = (node.items as Pair[]).find((p) => keyName(p) === extra);
    span = spanOf(pair?.key as Node) ?? span;
  }
  return { span, path: segments.join('.') };
}

function schemaMessage(error: ErrorObject, path: string, dialect: Dialect): string {
  const where = path ? `${path}` : 'the relabel config';
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const known = dialect === 'operator' ? 'sourceLabels, separator, regex, modulus, targetLabel, replacement, action' : 'source_labels, separator, regex, modulus, target_label, replacement, action';
      const other = dialect === 'operator' ? toCamel(extra) : toSnake(extra);
      const hint = other !== extra && known.split(', ').includes(other) ? ` This is ${dialect === 'operator' ? 'a prometheus-operator resource: write' : 'prometheus.yml: write'} ${other}.` : ` Known keys: ${known}.`;
      return dialect === 'operator'
        ? `Unknown field "${extra}" in a relabel config; the API server drops it (kubectl rejects it with strict validation).${hint}`
        : `Unknown key "${extra}" in a relabel config; Prometheus refuses the file (field ${extra} not found).${hint}`;
    }
    case 'type':
      return `${where} must be ${typeText((error.params as { type: string | string[] }).type)}.`;
    case 'enum':
      return `${where} must be one of ${((error.params as { allowedValues: string[] }).allowedValues ?? []).join(', ')} (the CRD's list).`;
    case 'minimum':
    case 'maximum':
      return `${where} must be a non-negative integer that fits in 64 bits.`;
    default:
      return `${where} ${error.message ?? 'is invalid'}.`;
  }
}

function typeText(type: string | string[]): string {
  const types = (Array.isArray(type) ? type : [type]).filter((t) => t !== 'null');
  if (types.includes('array')) return 'a list';
  if (types.includes('integer')) return 'an integer';
  if (types.includes('string')) return 'a string';
  return types.join(' or ');
}

function toCamel(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function toSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
