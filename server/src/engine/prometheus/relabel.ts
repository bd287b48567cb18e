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

const LEGACY_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `model.LabelName.IsValid` under the version's validation scheme. */
export function isValidLabelName(name: string, features: Pick<VersionFeatures, 'utf8LabelNames'>): boolean {
  if (features.utf8LabelNames) return name.length > 0 && isWellFormedUtf16(name);
  return LEGACY_NAME.test(name);
}

function isWellFormedUtf16(text: string): boolean {
  // A lone surrogate cannot be encoded as UTF-8.
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/**
 * Prometheus' `labels.Builder`: the label set a relabel rule reads and
 * writes. It keeps Prometheus' iteration order (the starting labels sorted by
 * name, then labels set since, in the order they were set), which decides
 * who wins when `labelmap` maps two labels to one name.
 */
export class LabelBuilder {
  private base: [string, string][];
  private add: [string, string][] = [];
  private del: string[] = [];

  constructor(base: Iterable<[string, string]>, then: Iterable<[string, string]> = []) {
    this.base = [...base].filter(([, v]) => v !== '').sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [name, value] of then) this.set(name, value);
  }

  get(name: string): string {
    for (const [n, v] of this.add) if (n === name) return v;
    if (this.del.includes(name)) return '';
    for (const [n, v] of this.base) if (n === name) return v;
    return '';
  }

  set(name: string, value: string): void {
    if (value === '') {
      this.delete(name);
      return;
    }
    for (const entry of this.add) {
      if (entry[0] === name) {
        entry[1] = value;
        return;
      }
    }
    this.add.push([name, value]);
  }

  delete(name: string): void {
    this.add = this.add.filter(([n]) => n !== name);
    this.del.push(name);
  }

  /** A snapshot of the current labels in Prometheus' iteration order. */
  entries(): [string, string][] {
    const addNames = new Set(this.add.map(([n]) => n));
    const out: [string, string][] = [];
    for (const [n, v] of this.base) if (!this.del.includes(n) && !addNames.has(n)) out.push([n, v]);
    for (const [n, v] of this.add) out.push([n, v]);
    return out;
  }

  /** The current labels as a name-sorted record. */
  toRecord(): Record<string, string> {
    const entries = this.entries().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return Object.fromEntries(entries);
  }

  /** Compacts the change lists (keeps lookups fast over long rule lists). */
  compact(): void {
    if (this.add.length + this.del.length < 64) return;
    this.base = this.entries().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.add = [];
    this.del = [];
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
    case 'labelmap':
      for (const [name, labelValue] of lb.entries()) {
        if (compiled.needsGroups) {
          const match = findSubmatchIndex(regex, name);
          if (match) lb.set(expandTemplate(compiled.replacementParts, regex, name, match), labelValue);
        } else if (regexMatches(regex, name)) lb.set(expandTemplate(compiled.replacementParts, regex, name, []), labelValue);
      }
      return true;
    case 'labeldrop':
      for (const [name] of lb.entries()) if (regexMatches(regex, name)) lb.delete(name);
      return true;
    case 'labelkeep':
      for (const [name] of lb.entries()) if (!regexMatches(regex, name)) lb.delete(name);
      return true;
  }
}

/** Go's `strings.ToLower`/`ToUpper` map each rune on its own (simple case mapping, no context such as a final sigma). */
function goToLower(value: string): string {
  let out = '';
  for (const ch of value) out += simpleMap(ch, 'lower');
  return out;
}

function goToUpper(value: string): string {
  let out = '';
  for (const ch of value) out += simpleMap(ch, 'upper');
  return out;
}

function simpleMap(ch: string, to: 'lower' | 'upper'): string {
  // A mapping that yields several runes (ß → SS) is a special case Go does not apply.
  const mapped = to === 'lower' ? ch.toLowerCase() : ch.toUpperCase();
  return [...mapped].length === 1 ? mapped : ch;
}

/** `binary.BigEndian.Uint64(md5(value)[8:]) % modulus`, as Prometheus computes hashmod. */
export function hashmod(value: string, modulus: bigint): bigint {
  const digest = md5(new TextEncoder().encode(value));
  let tail = 0n;
  for (let i = 8; i < 16; i++) tail = (tail << 8n) | BigInt(digest[i]);
  return tail % modulus;
}

// MD5 (RFC 1321). Node's crypto is not used so that the engine also runs in a browser host.
const S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

export function md5(input: Uint8Array): Uint8Array {
  const bitLength = input.length * 8;
  const paddedLength = (((input.length + 8) >> 6) + 1) << 6;
  const buffer = new Uint8Array(paddedLength);
  buffer.set(input);
  buffer[input.length] = 0x80;
  const view = new DataView(buffer.buffer);
  view.setUint32(paddedLength - 8, bitLength >>> 0, true);
  view.setUint32(paddedLength - 4, Math.floor(bitLength / 2 ** 32), true);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  const m = new Uint32Array(16);
  for (let offset = 0; offset < paddedLength; offset += 64) {
    for (let i = 0; i < 16; i++) m[i] = view.getUint32(offset + i * 4, true);
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const temp = d;
      d = c;
      c = b;
      const sum = (a + f + K[i] + m[g]) >>> 0;
      b = (b + ((sum << S[i]) | (sum >>> (32 - S[i])))) >>> 0;
      a = temp;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  const out = new Uint8Array(16);
  const outView = new DataView(out.buffer);
  [a0, b0, c0, d0].forEach((word, i) => outView.setUint32(i * 4, word, true));
  return out;
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
