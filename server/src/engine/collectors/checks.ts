import type { Span } from '../python/ast';
import { renderTemplate, templateParts, Value } from '../python/values';
import type { CollectorInfo, FamilyResult, ModuleAnalysis, RunResult } from './analyze';
import { displayName } from './analyze';
import { labelNameProblem, legacyNameProblem, NameScheme, registryNames } from './families';

/**
 * The problems the collector rules report, computed from a module analysis.
 * Each check uses the run with sample rows when there is one (concrete names
 * per row), else the run without data (templates: only what holds for every
 * possible value is reported).
 */

export interface CollectorProblem {
  span: Span;
  message: string;
  related?: { span: Span; message: string }[];
  data?: Record<string, unknown>;
}

/** The run a check looks at. */
export function mainRun(collector: CollectorInfo): RunResult {
  return collector.sampled ?? collector.template;
}

/** `component "search.v2"`, or nothing when the family is not in a loop over rows. */
function rowText(fam: FamilyResult): string {
  const rows = fam.rows.filter((r) => r.known && r.model);
  if (rows.length === 0) return '';
  return rows.map((r) => `${r.variable} "${r.label}"`).join(', ');
}

/** Merges problems found several times at one span (once per row), listing the rows and the families concerned. */
function grouped(items: { span: Span; key: string; message: (rows: string[]) => string; row: string; related?: CollectorProblem['related']; data?: Record<string, unknown> }[]): CollectorProblem[] {
  const byKey = new Map<string, { span: Span; rows: string[]; families: string[]; message: (rows: string[]) => string; related?: CollectorProblem['related']; data?: Record<string, unknown> }>();
  for (const item of items) {
    const key = `${item.span.from}:${item.span.to}:${item.key}`;
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { span: item.span, rows: [], families: [], message: item.message, related: item.related, data: item.data }));
    if (item.row && !entry.rows.includes(item.row)) entry.rows.push(item.row);
    const family = item.data?.family;
    if (typeof family === 'string' && !entry.families.includes(family)) entry.families.push(family);
  }
  return [...byKey.values()].map((e) => ({
    span: e.span,
    message: e.message(e.rows),
    related: e.related,
    data: e.data ? { ...e.data, ...(e.families.length ? { families: e.families } : {}) } : undefined,
  }));
}

const quote = (s: string) => JSON.stringify(s);

/** Why a (possibly partly unknown) name is invalid under the scheme, when that holds whatever the unknown pieces are. */
export function nameProblem(name: Value, scheme: NameScheme): string | undefined {
  if (name.t === 'str') return scheme === 'legacy' ? legacyNameProblem(name.v) : name.v === '' ? 'it is empty' : legacyNameProblem(name.v);
  const parts = templateParts(name);
  if (!parts) return undefined;
  // Unknown pieces only add characters: a bad character in the known text stays.
  const known = parts.filter((p): p is string => typeof p === 'string').join('');
  const bad = [...new Set([...known].filter((c) => !/[a-zA-Z0-9_:]/.test(c)))];
  if (bad.length) return legacyNameProblem(bad.join(''))!.replace(/^it starts with a digit$/, 'it contains invalid characters');
  if (typeof parts[0] === 'string' && /^[0-9]/.test(parts[0])) return 'it starts with a digit';
  return undefined;
}

export function invalidNameProblems(analysis: ModuleAnalysis, scheme: NameScheme): CollectorProblem[] {
  const bySite = new Map<string, { span: Span; items: { name: string; row: string; problem: string }[]; legacyOnly: boolean }>();
  for (const collector of analysis.collectors) {
    for (const fam of mainRun(collector).families) {
      const problem = nameProblem(fam.name, scheme);
      if (!problem) continue;
      const name = displayName(fam.name);
      const key = `${fam.site.nameSpan.from}:${fam.site.nameSpan.to}`;
      let entry = bySite.get(key);
      if (!entry) bySite.set(key, (entry = { span: fam.site.nameSpan, items: [], legacyOnly: scheme === 'utf8' && name !== '' }));
      const row = rowText(fam);
      if (!entry.items.some((i) => i.name === name && i.row === row)) entry.items.push({ name, row, problem });
    }
  }
  return [...bySite.values()].map(({ span, items, legacyOnly }) => {
    const shown = items.slice(0, 5).map((i, n) => `${n ? 'also ' : ''}${quote(i.name)}${i.row ? ` (for ${i.row})` : ''}${n ? `: ${i.problem}` : ''}`);
    const more = items.length > 5 ? ` and ${items.length - 5} more` : '';
    const first = `${shown[0]}`;
    const rest = shown.length > 1 ? `; ${shown.slice(1).join('; ')}${more}` : more;
    const data = { names: items.map((i) => i.name) };
    if (legacyOnly) {
      return {
        span,
        data,
        message: `Metric name ${first} is not a legacy Prometheus name: ${items[0].problem}${rest}. It needs prometheus_client ≥ 0.22 and a Prometheus that accepts UTF-8 names, and PromQL must quote it.`,
      };
    }
    return {
      span,
      data,
      message: `Metric name ${first} is invalid: ${items[0].problem}${rest}. prometheus_client raises ValueError("Invalid metric name"), collect() fails and the scrape returns an error.`,
    };
  });
}

/** The key two families clash on when it is known: concrete names, or templates within one iteration of a loop over unknown rows. */
function clashNames(fam: FamilyResult, sampled: boolean): string[] | undefined {
  if (fam.name.t === 'str') return registryNames(fam.type, fam.name.v);
  if (sampled) return undefined;
  const parts = templateParts(fam.name);
  return parts ? registryNames(fam.type, renderTemplate(fam.name)) : undefined;
}

export function duplicateProblems(analysis: ModuleAnalysis): CollectorProblem[] {
  const out: CollectorProblem[] = [];
  const seen = new Map<string, FamilyResult>();
  for (const collector of analysis.collectors) {
    const run = mainRun(collector);
    const sampled = run === collector.sampled;
    const reported = new Set<string>();
    for (const fam of run.families) {
      if (fam.yielded === 'no' || fam.argumentError) continue;
      const names = clashNames(fam, sampled);
      if (!names) continue;
      const shown = displayName(fam.name);
      // Families from different branches of an unknown condition may never run together.
      const exclusive = (other: FamilyResult) => (fam.inBranch || other.inBranch) && other.site.span.from !== fam.site.span.from;
      const clash = names.map((n) => ({ n, other: seen.get(n) })).find((x) => x.other && x.other !== fam && !exclusive(x.other));
      if (clash) {
        const other = clash.other!;
        const key = `${fam.site.span.from}:${other.site.span.from}:${clash.n}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const mine = rowText(fam);
        const theirs = rowText(other);
        const same = other.site === fam.site || (other.site.span.from === fam.site.span.from && other.site.span.to === fam.site.span.to);
        const whose = mine && theirs ? ` for ${theirs} and for ${mine}` : '';
        const otherName = displayName(other.name);
        const what =
          otherName === shown
            ? `Metric family ${quote(shown)}`
            : `Metric family ${quote(shown)} clashes with ${other.site.cls.className}(${quote(otherName)}), which also produces ${quote(clash.n)}: the name`;
        out.push({
          span: fam.site.nameSpan,
          message: `${what} is produced twice${whose}${same && !whose ? ' by this call' : ''}. The family is then exposed twice under one name: an OpenMetrics scrape fails ("Clashing name"), registering it beside another collector raises "Duplicated timeseries in CollectorRegistry", and series with equal labels collide.`,
          related: same ? undefined : [{ span: other.site.nameSpan, message: `first produced here${theirs ? ` (for ${theirs})` : ''}` }],
          data: { name: clash.n, family: shown },
        });
        continue;
      }
      for (const n of names) seen.set(n, fam);
      // A fixed name built once per row of unknown data repeats for every row.
      const unknownLoop = fam.rows.find((r) => !r.known && r.model);
      if (!sampled && unknownLoop && fam.name.t === 'str') {
        out.push({
          span: fam.site.nameSpan,
          message: `Metric family ${quote(shown)} does not depend on ${unknownLoop.variable}: it is built once per ${unknownLoop.model}, so with two or more rows the same family is exposed twice (duplicated time series). Put ${unknownLoop.variable} in the name or, better, in a label.`,
          data: { name: shown, family: shown },
        });
      }
    }
  }
  return out;
}

export function argumentProblems(analysis: ModuleAnalysis): CollectorProblem[] {
  const items: Parameters<typeof grouped>[0] = [];
  for (const collector of analysis.collectors) {
    for (const fam of mainRun(collector).families) {
      if (!fam.argumentError) continue;
      const labelsAndValue = fam.argumentError.startsWith('Can only specify');
      const span = labelsAndValue ? (fam.site.valueSpan ?? fam.site.span) : fam.site.span;
      const error = fam.argumentError;
      const param = fam.site.cls.valueParam;
      items.push({
        span,
        key: error,
        row: '',
        data: { family: displayName(fam.name), error },
        related: labelsAndValue && fam.site.labelsSpan ? [{ span: fam.site.labelsSpan, message: 'labels= given here' }] : undefined,
        message: () =>
          labelsAndValue
            ? `${fam.site.cls.className} gets both labels= and ${param}=: prometheus_client raises ValueError("${error}"). With labels, add each sample with add_metric(label_values, …) instead.`
            : `${fam.site.cls.className}: prometheus_client raises ValueError("${error}").`,
      });
    }
  }
  return grouped(items);
}

export function labelProblems(analysis: ModuleAnalysis, scheme: NameScheme): CollectorProblem[] {
  const items: Parameters<typeof grouped>[0] = [];
  const reserved: Record<string, string> = { histogram: 'le', gaugehistogram: 'le', summary: 'quantile' };
  for (const collector of analysis.collectors) {
    for (const fam of mainRun(collector).families) {
      const span = fam.site.labelsSpan ?? fam.site.span;
      const check = (label: Value, where: Span, what: string) => {
        let problem: string | undefined;
        let shown: string;
        if (label.t === 'str') {
          shown = label.v;
          problem = labelNameProblem(label.v, scheme);
          if (!problem && reserved[fam.type] === label.v) {
            problem = `"${label.v}" is reserved for the ${fam.type === 'summary' ? 'quantiles of a summary' : 'bucket bounds of a histogram'}; the exposition overwrites or confuses it`;
          }
        } else {
          const parts = templateParts(label);
          if (!parts) return;
          shown = renderTemplate(label);
          const known = parts.filter((p): p is string => typeof p === 'string').join('');
          if (typeof parts[0] === 'string' && parts[0].startsWith('__')) problem = labelNameProblem('__', scheme);
          else if (scheme === 'legacy' && /[^a-zA-Z0-9_]/.test(known)) problem = labelNameProblem(known.replace(/[a-zA-Z0-9_]/g, '') || '?', scheme);
        }
        if (!problem) return;
        items.push({
          span: where,
          key: `label:${shown}`,
          row: rowText(fam),
          data: { label: shown, family: displayName(fam.name) },
          message: (rows) => `${what} ${quote(shown)}${rows.length ? ` (for ${rows.join('; ')})` : ''} is not a valid label name: ${problem}.`,
        });
      };
      for (const label of fam.labels ?? []) check(label, span, 'Label');
      for (const key of fam.infoKeys) check(key, span, 'Info label');
    }
  }
  return grouped(items);
}

export function addMetricProblems(analysis: ModuleAnalysis): CollectorProblem[] {
  const items: Parameters<typeof grouped>[0] = [];
  for (const collector of analysis.collectors) {
    for (const fam of mainRun(collector).families) {
      if (fam.labelsUnknown || fam.argumentError) continue;
      const declared = fam.labels ?? [];
      const names = declared.map((l) => displayName(l));
      for (const call of fam.addMetrics) {
        if (call.implicit || call.labelCount === undefined || call.labelCount === declared.length) continue;
        const n = call.labelCount;
        const fewer = n < declared.length;
        const lost = fewer ? names.slice(n) : [];
        items.push({
          span: call.span,
          key: `count:${n}`,
          row: '',
          data: { declared: declared.length, given: n, family: displayName(fam.name) },
          message: () =>
            `add_metric() gets ${n} label value${n === 1 ? '' : 's'} but ${fam.site.cls.className}(${quote(displayName(fam.name))}) declares ${declared.length} label${declared.length === 1 ? '' : 's'}${names.length ? ` (${names.join(', ')})` : ''}: prometheus_client pairs them with zip() and silently ${fewer ? `leaves out ${lost.map(quote).join(', ')}` : `drops the extra value${n - declared.length === 1 ? '' : 's'}`}.`,
        });
      }
    }
  }
  return grouped(items);
}
