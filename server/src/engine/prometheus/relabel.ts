import { createHash } from 'crypto';
import {
  CompiledRegex,
  compileRelabelRegex,
  expandTemplate,
  findSubmatchIndex,
  isRegexError,
  parseTemplate,
  regexMatches,
  TemplatePart,
  templateHasRefs,
} from './regex';
import { isLegacyLabelName } from './names';
import type { VersionFeatures } from './version';

export const ACTIONS = [
  'replace',
  'keep',
  'drop',
  'keepequal',
  'dropequal',
  'hashmod',
  'labelmap',
  'labeldrop',
  'labelkeep',
  'lowercase',
  'uppercase',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Prometheus' `DefaultRelabelConfig`. */
export const DEFAULTS = { action: 'replace' as Action, separator: ';', regex: '(.*)', replacement: '$1' };

/** A relabel rule with every default filled in (what Prometheus runs). */
export interface EffectiveRule {
  sourceLabels: string[];
  separator: string;
  regex: string;
  modulus: number | bigint;
  targetLabel: string;
  replacement: string;
  action: Action;
}

/** A rule ready to run: the regex compiled and the templates parsed once. */
export interface CompiledRule {
  rule: EffectiveRule;
  regex: CompiledRegex;
  replacementParts: TemplatePart[];
  targetParts: TemplatePart[];
  /** Whether matching must compute group spans (templates refer to groups). */
  needsGroups: boolean;
  modulus: bigint;
}

export function compileRule(rule: EffectiveRule, features: VersionFeatures): CompiledRule | string {
  const regex = compileRelabelRegex(rule.regex, features);
  if (isRegexError(regex)) return regex.message;
  const replacementParts = parseTemplate(rule.replacement);
  const targetParts = parseTemplate(rule.targetLabel);
  return {
    rule,
    regex,
    replacementParts,
    targetParts,
    needsGroups: templateHasRefs(replacementParts) || templateHasRefs(targetParts),
    modulus: BigInt(rule.modulus),
  };
}

/** `model.LabelName.IsValid` under the version's validation scheme. */
export function isValidLabelName(name: string, features: Pick<VersionFeatures, 'utf8LabelNames'>): boolean {
  if (features.utf8LabelNames) return name.length > 0 && isWellFormedUtf16(name);
  return isLegacyLabelName(name);
}

function isWellFormedUtf16(text: string): boolean {
  // A lone surrogate cannot be encoded as UTF-8.
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/**
 * Prometheus' `labels.Builder`: the label set a relabel rule reads and
 * writes. It keeps Prometheus' iteration order (the starting labels sorted by
 * name, then labels set since, in the order they were first set), which
 * decides who wins when `labelmap` maps two labels to one name.
 */
export class LabelBuilder {
  private readonly base = new Map<string, string>();
  private readonly add = new Map<string, string>();
  private readonly del = new Set<string>();

  constructor(base: Iterable<[string, string]>, then: Iterable<[string, string]> = []) {
    const sorted = [...base].filter(([, v]) => v !== '').sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [name, value] of sorted) this.base.set(name, value);
    for (const [name, value] of then) this.set(name, value);
  }

  get(name: string): string {
    const added = this.add.get(name);
    if (added !== undefined) return added;
    if (this.del.has(name)) return '';
    return this.base.get(name) ?? '';
  }

  set(name: string, value: string): void {
    if (value === '') this.delete(name);
    // A Map keeps the first insertion's place on update, as Go's Builder updates its add list in place.
    else this.add.set(name, value);
  }

  delete(name: string): void {
    this.add.delete(name);
    this.del.add(name);
  }

  /** A snapshot of the current labels in Prometheus' iteration order. */
  entries(): [string, string][] {
    const out: [string, string][] = [];
    for (const [n, v] of this.base) if (!this.del.has(n) && !this.add.has(n)) out.push([n, v]);
    for (const [n, v] of this.add) out.push([n, v]);
    return out;
  }

  /**
   * Visits the current labels in iteration order without copying them. The
   * callback may delete the label it is given (labeldrop/labelkeep), but must
   * not set labels: use `entries()` for that (labelmap).
   */
  forEachLabel(fn: (name: string, value: string) => void): void {
    for (const [n, v] of this.base) if (!this.del.has(n) && !this.add.has(n)) fn(n, v);
    for (const [n, v] of this.add) fn(n, v);
  }

  /** The current labels as a name-sorted record. */
  toRecord(): Record<string, string> {
    const entries = this.entries().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return Object.fromEntries(entries);
  }
}

/** What one rule did to a label set. */
export type StepOutcome = { kept: true } | { kept: false; reason: string };

/** Runs one rule on the builder, as Prometheus' `relabel()` does. Returns false when the target is dropped. */
export function applyRule(compiled: CompiledRule, lb: LabelBuilder, features: Pick<VersionFeatures, 'utf8LabelNames'>): boolean {
  const { rule, regex } = compiled;
  let value: string;
  if (rule.sourceLabels.length === 1) value = lb.get(rule.sourceLabels[0]);
  else value = rule.sourceLabels.map((name) => lb.get(name)).join(rule.separator);

  switch (rule.action) {
    case 'drop':
      return !regexMatches(regex, value);
    case 'keep':
      return regexMatches(regex, value);
    case 'dropequal':
      return lb.get(rule.targetLabel) !== value;
    case 'keepequal':
      return lb.get(rule.targetLabel) === value;
    case 'replace': {
      // Prometheus' fast path: the default regex on an empty value sets (or deletes) the label as written.
      if (value === '' && regex.isDefault && !rule.targetLabel.includes('$') && !rule.replacement.includes('$')) {
        lb.set(rule.targetLabel, rule.replacement);
        return true;
      }
      let match: number[] | undefined;
      if (compiled.needsGroups) {
        match = findSubmatchIndex(regex, value);
        if (!match) return true;
      } else {
        if (!regexMatches(regex, value)) return true;
        match = [];
      }
      const target = expandTemplate(compiled.targetParts, regex, value, match);
      if (!isValidLabelName(target, features)) return true;
      const result = expandTemplate(compiled.replacementParts, regex, value, match);
      if (result === '') lb.delete(target);
      else lb.set(target, result);
      return true;
    }
    case 'lowercase':
      lb.set(rule.targetLabel, goToLower(value));
      return true;
    case 'uppercase':
      lb.set(rule.targetLabel, goToUpper(value));
      return true;
    case 'hashmod':
      lb.set(rule.targetLabel, hashmod(value, compiled.modulus).toString());
      return true;
    case 'labelmap': {
      // Prometheus ranges over a snapshot: collect the new names first, then set them in iteration order.
      const copies: [string, string][] = [];
      lb.forEachLabel((name, labelValue) => {
        if (!regexMatches(regex, name)) return;
        const match = compiled.needsGroups ? findSubmatchIndex(regex, name) : [];
        if (match) copies.push([expandTemplate(compiled.replacementParts, regex, name, match), labelValue]);
      });
      for (const [name, labelValue] of copies) lb.set(name, labelValue);
      return true;
    }
    case 'labeldrop':
      lb.forEachLabel((name) => {
        if (regexMatches(regex, name)) lb.delete(name);
      });
      return true;
    case 'labelkeep':
      lb.forEachLabel((name) => {
        if (!regexMatches(regex, name)) lb.delete(name);
      });
      return true;
  }
}

const caseMemo = { lower: new Map<string, string>(), upper: new Map<string, string>() };

/** Go's `strings.ToLower`/`ToUpper` map each rune on its own (simple case mapping, no context such as a final sigma). */
function goToLower(value: string): string {
  return mapCase(value, 'lower');
}

function goToUpper(value: string): string {
  return mapCase(value, 'upper');
}

function mapCase(value: string, to: 'lower' | 'upper'): string {
  const memo = caseMemo[to];
  let out = memo.get(value);
  if (out !== undefined) return out;
  out = '';
  for (const ch of value) out += simpleMap(ch, to);
  if (memo.size >= 4096) memo.clear();
  memo.set(value, out);
  return out;
}

function simpleMap(ch: string, to: 'lower' | 'upper'): string {
  // A mapping that yields several runes (ß → SS) is a special case Go does not apply.
  const mapped = to === 'lower' ? ch.toLowerCase() : ch.toUpperCase();
  return [...mapped].length === 1 ? mapped : ch;
}

/** `binary.BigEndian.Uint64(md5(value)[8:]) % modulus`, as Prometheus computes hashmod. */
const hashMemo = new Map<string, bigint>();

export function hashmod(value: string, modulus: bigint): bigint {
  let tail = hashMemo.get(value);
  if (tail === undefined) {
    tail = createHash('md5').update(value, 'utf8').digest().readBigUInt64BE(8);
    if (hashMemo.size >= 4096) hashMemo.clear();
    hashMemo.set(value, tail);
  }
  return tail % modulus;
}

/** `regex` is only used for parsing-time errors; evaluation needs compiled rules. */
export function ruleWithDefaults(partial: Partial<EffectiveRule>): EffectiveRule {
  return {
    sourceLabels: partial.sourceLabels ?? [],
    separator: partial.separator ?? DEFAULTS.separator,
    regex: partial.regex ?? DEFAULTS.regex,
    modulus: partial.modulus ?? 0,
    targetLabel: partial.targetLabel ?? '',
    replacement: partial.replacement ?? DEFAULTS.replacement,
    action: partial.action ?? DEFAULTS.action,
  };
}
