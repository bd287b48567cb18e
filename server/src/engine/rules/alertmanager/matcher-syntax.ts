import type { Located } from '../../documents/yamlAccess';
import { AmRoute, alertmanagerConfigOf, LabelPair, walkRoutes } from '../../alertmanager/config';
import { parseMatchers } from '../../alertmanager/matchers';
import { isLegacyLabelName } from '../../prometheus/names';
import { re2Problem } from '../../alertmanager/re2';
import { defineDocumentRule, FindingInput } from '../types';
import type { YamlDoc } from '../../documents/yamlFile';

export default defineDocumentRule({
  id: 'alertmanager/matcher-syntax',
  severity: 'error',
  docs: {
    summary: 'Matchers of routes and inhibit rules parse (`name="value"`, `name=~"regex"`), regular expressions are valid Go (RE2) syntax, and label names in `match`, `group_by` and `equal` are valid.',
    why: 'Alertmanager parses every matcher and compiles every regular expression when it loads the configuration, and refuses the file on the first failure ("bad matcher format", "error parsing regexp"). Go\'s regular expressions have no lookahead or backreferences, so patterns copied from PCRE fail.',
    bad: 'route:\n  receiver: team\nreceivers:\n  - name: team\ninhibit_rules:\n  - source_matchers: [severity="critical"]\n    target_matchers: [severity=~"(?!critical).*"]\n    equal: [alertname]\n',
    good: 'route:\n  receiver: team\nreceivers:\n  - name: team\ninhibit_rules:\n  - source_matchers: [severity="critical"]\n    target_matchers: [severity=~"warning|info"]\n    equal: [alertname]\n',
  },
  check({ doc, report }) {
    const config = alertmanagerConfigOf(doc);
    if (!config) return;
    for (const route of walkRoutes(config.route)) checkRoute(doc, route, report);
    for (const rule of config.inhibitRules) {
      for (const [field, list] of [['source_matchers', rule.sourceMatchers], ['target_matchers', rule.targetMatchers]] as const) {
        checkMatcherLines(doc, field, list, report);
      }
      for (const [field, pairs] of [['source_match', rule.sourceMatch], ['target_match', rule.targetMatch]] as const) checkMatchKeys(doc, field, pairs, report);
      for (const [field, pairs] of [['source_match_re', rule.sourceMatchRe], ['target_match_re', rule.targetMatchRe]] as const) {
        checkMatchKeys(doc, field, pairs, report);
        checkRegexValues(doc, field, pairs, report);
      }
      for (const label of rule.equal) checkLabelName(doc, 'equal', label, report);
    }
  },
});

type Report = (finding: FindingInput) => void;

function checkRoute(doc: YamlDoc, route: AmRoute, report: Report): void {
  checkMatcherLines(doc, 'matchers', route.matchers, report);
  checkMatchKeys(doc, 'match', route.match, report);
  checkMatchKeys(doc, 'match_re', route.matchRe, report);
  checkRegexValues(doc, 'match_re', route.matchRe, report);
  const seen = new Set<string>();
  const wildcard = route.groupBy.find((g) => g.value === '...');
  for (const label of route.groupBy) {
    if (label.value === '...') continue;
    if (wildcard) {
      report({ at: { doc, span: label.span }, message: `group_by cannot list "${String(label.value)}" next to the wildcard "..." (which already groups by every label).` });
      continue;
    }
    if (!checkLabelName(doc, 'group_by', label, report)) continue;
    const name = String(label.value);
    if (seen.has(name)) report({ at: { doc, span: label.span }, message: `group_by lists "${name}" twice; Alertmanager refuses duplicated labels.` });
    seen.add(name);
  }
}

function checkMatcherLines(doc: YamlDoc, field: string, lines: Located<unknown>[], report: Report): void {
  for (const line of lines) {
    if (line.value === null || typeof line.value === 'object') continue;
    const parsed = parseMatchers(String(line.value));
    if (!('error' in parsed)) continue;
    const hint = parsed.regex ? '' : ' Write name="value", name!="value", name=~"regex" or name!~"regex".';
    report({ at: { doc, span: line.span }, message: `${field}: ${parsed.error}.${hint}` });
  }
}

function checkMatchKeys(doc: YamlDoc, field: string, pairs: LabelPair[], report: Report): void {
  for (const pair of pairs) checkLabelName(doc, field, pair.key, report);
}

function checkRegexValues(doc: YamlDoc, field: string, pairs: LabelPair[], report: Report): void {
  for (const pair of pairs) {
    if (pair.value.value === null || typeof pair.value.value === 'object') continue;
    const problem = re2Problem(String(pair.value.value));
    if (problem) report({ at: { doc, span: pair.value.span }, message: `${field}.${pair.key.value}: invalid regular expression (${problem}); Alertmanager compiles it as Go RE2.` });
  }
}

function checkLabelName(doc: YamlDoc, field: string, label: Located<unknown>, report: Report): boolean {
  if (label.value === null || typeof label.value === 'object') return false;
  const name = String(label.value);
  if (isLegacyLabelName(name)) return true;
  report({ at: { doc, span: label.span }, message: `${field}: "${name}" is not a valid label name (letters, digits and underscores, not starting with a digit).` });
  return false;
}
