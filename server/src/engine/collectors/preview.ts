import type { PythonSource } from '../python/source';
import { describe, pyStr, renderTemplate, Value } from '../python/values';
import { CollectorInfo, displayName, FamilyResult, ModuleAnalysis } from './analyze';
import { nameProblem } from './checks';
import { ExposedFamily, exposedFamilies, FamilyType, NameScheme } from './families';

/**
 * The preview of what a module's collectors expose: per collector, the metric
 * families with their exposed names, types and label names (concrete with
 * sample rows, templates without), and the same as Prometheus exposition text.
 */

export interface PreviewFamily {
  /** The `*MetricFamily` class and the 0-based line of its call. */
  familyClass: string;
  line: number;
  type: FamilyType;
  /** The stored family name (concrete, or a template with `{…}` pieces). */
  name: string;
  help: string;
  /** Declared label names (`{…}` for an unknown list). */
  labels: string[];
  /** What generate_latest writes for it. */
  exposed: ExposedFamily[];
  /** The sample row(s) it was built for: `component "search.v2"`. */
  row?: string;
  /** "maybe" when the analysis cannot tell whether collect() yields it. */
  yielded: 'yes' | 'maybe';
  /** Why prometheus_client raises on it, if it does. */
  raises?: string;
  /** Sample lines (exposition text) for its add_metric calls. */
  sampleLines: string[];
}

export interface CollectorPreview {
  className: string;
  line: number;
  mode: 'samples' | 'template';
  /** Number of `*MetricFamily(…)` calls that build yielded families. */
  siteCount: number;
  /** Rows iterated, per model, and where they came from. */
  rows: { model: string; count: number; source: string }[];
  /** Models iterated without sample rows. */
  modelsWithoutRows: string[];
  families: PreviewFamily[];
  incomplete: boolean;
}

const text = (v: Value | undefined): string => (v === undefined ? '' : v.t === 'str' ? v.v : v.t === 'tmpl' || v.t === 'sym' ? renderTemplate(v) : pyStr(v) ?? describe(v));

function rowOf(fam: FamilyResult): string | undefined {
  const rows = fam.rows.filter((r) => r.model);
  if (!rows.length) return undefined;
  return rows.map((r) => (r.known ? `${r.variable} "${r.label}"` : `each ${r.model}`)).join(', ');
}

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function sampleValue(v: Value | undefined): string {
  if (v && (v.t === 'num' || v.t === 'bool')) {
    const n = Number(v.v);
    return Number.isInteger(n) ? `${n}.0` : String(n);
  }
  return '…';
}

function previewFamily(fam: FamilyResult, source: PythonSource, scheme: NameScheme): PreviewFamily {
  const name = displayName(fam.name);
  const labels = fam.labelsUnknown ? [`{${fam.labelsDesc ?? 'labels'}}`] : (fam.labels ?? []).map((l) => text(l));
  const infoKeys = fam.infoKeys.map((k) => text(k));
  const exposed = exposedFamilies({
    type: fam.type,
    name,
    labels,
    created: fam.created,
    histogramSum: fam.histogramSum,
    infoKeys,
    hasSamples: fam.addMetrics.length > 0,
  });
  const nameIssue = nameProblem(fam.name, scheme);
  const raises = fam.argumentError ?? (nameIssue && scheme === 'legacy' ? `Invalid metric name: ${nameIssue}` : undefined);
  const sampleLines: string[] = [];
  for (const family of exposed) {
    for (const sample of family.samples) {
      for (const call of fam.addMetrics) {
        const values = new Map<string, string>();
        labels.forEach((l, i) => values.set(l, call.labelValues?.[i] !== undefined ? text(call.labelValues[i]) : '…'));
        const labelText = sample.labels.map((l) => `${l}="${escapeLabelValue(values.get(l) ?? '…')}"`).join(',');
        const value = sample.name === family.name || family.type === 'counter' ? sampleValue(call.value) : '…';
        sampleLines.push(`${sample.name}${labelText ? `{${labelText}}` : ''} ${value}`);
      }
    }
  }
  return {
    familyClass: fam.site.cls.className,
    line: source.lines.positionAt(fam.site.span.from).line,
    type: fam.type,
    name,
    help: text(fam.documentation),
    labels,
    exposed,
    row: rowOf(fam),
    yielded: fam.yielded === 'yes' ? 'yes' : 'maybe',
    raises,
    sampleLines,
  };
}

export function collectorPreview(collector: CollectorInfo, source: PythonSource, scheme: NameScheme): CollectorPreview {
  const run = collector.sampled ?? collector.template;
  const families = run.families.filter((f) => f.yielded !== 'no').map((f) => previewFamily(f, source, scheme));
  const sites = new Set(collector.template.families.filter((f) => f.yielded !== 'no').map((f) => `${f.site.span.from}`));
  const rows = collector.sampleSources.map((s) => ({ model: s.model, count: s.rows, source: s.source.uri }));
  const modelsWithoutRows = collector.template.models.map((m) => m.model).filter((m) => !rows.some((r) => r.model === m));
  return {
    className: collector.className,
    line: source.lines.positionAt(collector.nameSpan.from).line,
    mode: collector.sampled ? 'samples' : 'template',
    siteCount: sites.size,
    rows,
    modelsWithoutRows,
    families,
    incomplete: run.incomplete,
  };
}

export function modulePreview(analysis: ModuleAnalysis, source: PythonSource, scheme: NameScheme): CollectorPreview[] {
  return analysis.collectors.map((c) => collectorPreview(c, source, scheme));
}

/** The CodeLens title: "5 metric families × 3 components — preview". */
export function lensTitle(p: CollectorPreview): string {
  const families = `${p.siteCount} metric famil${p.siteCount === 1 ? 'y' : 'ies'}`;
  if (p.rows.length) {
    const r = p.rows[0];
    const noun = r.count === 1 ? r.model.toLowerCase() : `${r.model.toLowerCase()}s`;
    return `${families} × ${r.count} ${noun} — preview`;
  }
  if (p.modelsWithoutRows.length) return `${families} per ${p.modelsWithoutRows[0]} (no sample rows) — preview`;
  return `${families} — preview`;
}

/** The preview as Prometheus exposition text (what generate_latest would write), with a header. */
export function renderExposition(previews: CollectorPreview[], fileLabel: string): string {
  const out: string[] = [];
  out.push(`# obsconf preview of the custom collectors in ${fileLabel}`);
  out.push('# Computed from the source and sample rows; nothing was executed. "…" stands for values known only at run time.');
  for (const p of previews) {
    out.push('#');
    const rowsText = p.rows.length
      ? `rows: ${p.rows.map((r) => `${r.count} ${r.model} from ${r.source.split('/').pop()}`).join(', ')}`
      : p.modelsWithoutRows.length
        ? `no sample rows for ${p.modelsWithoutRows.join(', ')}: names are templates (run "obsconf: Create samples file")`
        : 'no model data';
    out.push(`# ${p.className} (line ${p.line + 1}): ${p.siteCount} metric famil${p.siteCount === 1 ? 'y' : 'ies'}; ${rowsText}${p.incomplete ? '; analysis incomplete' : ''}`);
    for (const f of p.families) {
      const notes = [f.row ? `for ${f.row}` : '', f.yielded === 'maybe' ? 'may not be yielded' : '', f.raises ? `RAISES ValueError: ${f.raises}` : ''].filter(Boolean);
      if (notes.length) out.push(`# ${f.familyClass} at line ${f.line + 1}: ${notes.join('; ')}`);
      const help = f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
      for (const e of f.exposed) {
        out.push(`# HELP ${e.name} ${help}`);
        out.push(`# TYPE ${e.name} ${e.type}`);
        for (const line of f.sampleLines) {
          const sampleName = line.split(/[{ ]/)[0];
          if (e.samples.some((s) => s.name === sampleName)) out.push(line);
        }
      }
    }
  }
  return out.join('\n') + '\n';
}

/** The preview as JSON-friendly data (CLI `--format json`). */
export function previewJson(previews: CollectorPreview[]): unknown {
  return previews.map((p) => ({
    collector: p.className,
    line: p.line + 1,
    mode: p.mode,
    families: p.siteCount,
    rows: p.rows,
    modelsWithoutRows: p.modelsWithoutRows,
    incomplete: p.incomplete,
    metrics: p.families.map((f) => ({
      class: f.familyClass,
      line: f.line + 1,
      name: f.name,
      type: f.type,
      labels: f.labels,
      row: f.row,
      yielded: f.yielded,
      raises: f.raises,
      exposed: f.exposed,
    })),
  }));
}

