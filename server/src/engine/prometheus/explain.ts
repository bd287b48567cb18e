import type { YamlDoc } from '../documents/yamlFile';
import { analyzeDocument, ListAnalysis, RuleAnalysis } from './analyze';
import { fieldKey, FIELDS, FieldName } from './locate';
import { DEFAULTS } from './relabel';

export function ruleAtOffset(lists: ListAnalysis[], offset: number): { list: ListAnalysis; rule: RuleAnalysis } | undefined {
  for (const list of lists) {
    for (const rule of list.rules) {
      if (offset >= rule.node.span.start && offset <= rule.node.span.end) return { list, rule };
    }
  }
  return undefined;
}

const q = (value: string) => JSON.stringify(value);

/** One plain sentence of what a relabel rule does. */
export function describeRule(rule: RuleAnalysis, stage: ListAnalysis['list']['stage']): string {
  const p = rule.partial;
  const subject = stage === 'metric' || stage === 'write' ? 'series' : stage === 'alert' ? 'alert' : 'target';
  const sources = p.sourceLabels ?? [];
  const regex = p.regex ?? DEFAULTS.regex;
  const separator = p.separator ?? DEFAULTS.separator;
  const input = sources.length === 0 ? 'the empty string (no source_labels)' : sources.length === 1 ? `the value of ${sources[0]}` : `the values of ${sources.join(', ')} joined with ${q(separator)}`;
  const matches = `${input} matches ${q(regex)} (anchored at both ends)`;
  const target = p.targetLabel ?? '';
  const replacement = p.replacement ?? DEFAULTS.replacement;
  switch ((p.action ?? 'replace').toLowerCase()) {
    case 'replace': {
      const constant = !replacement.includes('$') && !target.includes('$');
      if (constant && regex === DEFAULTS.regex) {
        return replacement === ''
          ? `Deletes label ${target} from every ${subject}.`
          : `Sets label ${target} to ${q(replacement)} on every ${subject}.`;
      }
      const what = replacement === '' ? `deletes label ${target}` : `sets label ${target} to ${q(replacement)}${replacement.includes('$') ? ' with the regex groups filled in' : ''}`;
      return `When ${matches}, ${what}; otherwise leaves the ${subject} unchanged.`;
    }
    case 'keep':
      return `Keeps only the ${subject}s where ${matches}; drops every other ${subject}.`;
    case 'drop':
      return `Drops every ${subject} where ${matches}.`;
    case 'keepequal':
      return `Keeps only the ${subject}s where ${input} equals the value of label ${target}; drops the others.`;
    case 'dropequal':
      return `Drops every ${subject} where ${input} equals the value of label ${target}.`;
    case 'hashmod':
      return `Sets label ${target} to the MD5 hash of ${input} modulo ${p.modulus ?? 0} (a shard number from 0 to ${Math.max(0, Number(p.modulus ?? 0) - 1)}).`;
    case 'labelmap':
      return `For every label whose name matches ${q(regex)}, adds a copy named ${q(replacement)}${replacement.includes('$') ? ' (groups filled in)' : ''} with the same value.`;
    case 'labeldrop':
      return `Removes every label whose name matches ${q(regex)}.`;
    case 'labelkeep':
      return `Removes every label whose name does not match ${q(regex)}.`;
    case 'lowercase':
      return `Sets label ${target} to ${input}, in lower case.`;
    case 'uppercase':
      return `Sets label ${target} to ${input}, in upper case.`;
    default:
      return `Prometheus does not know the action ${q(p.action ?? '')}; it refuses the configuration.`;
  }
}

const RELEVANT: Record<string, FieldName[]> = {
  replace: ['source_labels', 'separator', 'regex', 'target_label', 'replacement', 'action'],
  keep: ['source_labels', 'separator', 'regex', 'action'],
  drop: ['source_labels', 'separator', 'regex', 'action'],
  keepequal: ['source_labels', 'target_label', 'action'],
  dropequal: ['source_labels', 'target_label', 'action'],
  hashmod: ['source_labels', 'separator', 'modulus', 'target_label', 'action'],
  labelmap: ['regex', 'replacement', 'action'],
  labeldrop: ['regex', 'action'],
  labelkeep: ['regex', 'action'],
  lowercase: ['source_labels', 'separator', 'target_label', 'action'],
  uppercase: ['source_labels', 'separator', 'target_label', 'action'],
};

/** Hover text: the effective rule with every default filled in, and what it does. */
export function hoverMarkdown(list: ListAnalysis, rule: RuleAnalysis): string {
  const p = rule.partial;
  const dialect = list.list.dialect;
  const action = (p.action ?? 'replace').toLowerCase();
  const fields = RELEVANT[action] ?? FIELDS;
  const lines: string[] = [];
  for (const field of fields) {
    const key = fieldKey(field, dialect);
    const written = rule.written.has(field);
    let value: string;
    switch (field) {
      case 'source_labels':
        value = `[${(p.sourceLabels ?? []).join(', ')}]`;
        break;
      case 'separator':
        value = q(p.separator ?? DEFAULTS.separator);
        break;
      case 'regex':
        value = q(p.regex ?? DEFAULTS.regex);
        break;
      case 'modulus':
        value = String(p.modulus ?? 0);
        break;
      case 'target_label':
        value = q(p.targetLabel ?? '');
        break;
      case 'replacement':
        value = q(p.replacement ?? DEFAULTS.replacement);
        break;
      default:
        value = action;
    }
    lines.push(`${key}: ${value}${written ? '' : '   # default'}`);
  }
  const problems = rule.problems.length ? `\n\n${rule.problems.length} problem${rule.problems.length === 1 ? '' : 's'} (see the diagnostics).` : '';
  return [
    `**Relabel rule ${rule.node.index + 1}** of ${list.list.key} (${list.list.owner})`,
    '',
    describeRule(rule, list.list.stage),
    '',
    '```yaml',
    ...lines,
    '```',
    `Prometheus anchors the regex: it must match the whole value.${problems}`,
  ].join('\n');
}

/** Hover for a position in a document, or undefined when it is not on a relabel rule. */
export function relabelHoverAt(doc: YamlDoc, offset: number, version: string | undefined): string | undefined {
  const found = ruleAtOffset(analyzeDocument(doc, version), offset);
  return found ? hoverMarkdown(found.list, found.rule) : undefined;
}
