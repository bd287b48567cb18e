import * as path from 'path';
import type { CodeLens, CodeLensParams, Hover, HoverParams } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import type { CollectorInfo, FamilyResult } from '../engine/collectors/analyze';
import { displayName } from '../engine/collectors/analyze';
import { exposedFamilies, NameScheme } from '../engine/collectors/families';
import { collectorPreview, lensTitle, modulePreview, renderExposition } from '../engine/collectors/preview';
import { SAMPLES_FILE_NAME, samplesFileTemplate } from '../engine/collectors/samples';
import { collectorAnalysis, collectorReads, TextFile } from '../engine/collectors/workspace';
import type { Linter } from '../engine/linter';
import type { PythonSource } from '../engine/python/source';
import { renderTemplate } from '../engine/python/values';
import type { CollectorPreviewParams, CollectorPreviewResult, CollectorSamplesParams, CollectorSamplesResult } from '../protocol';
import { uriToPath } from '../engine/workspace/fileNames';
import { pathToUri } from './workspaceSync';

/** Client commands the collector lenses run (client/src/commands/previewMetrics.ts). */
export const PREVIEW_METRICS_COMMAND = 'obsconf.previewMetrics';
export const CREATE_SAMPLES_COMMAND = 'obsconf.createSamplesFile';

/** The files a collector preview reads: fixtures, the samples file and models modules of the index. */
function others(linter: Linter, uri: string): TextFile[] {
  const out: TextFile[] = [];
  for (const file of linter.index.files.values()) if (file.uri !== uri && collectorReads(file.uri)) out.push(file);
  return out;
}

function analysisFor(linter: Linter, uri: string) {
  const file = linter.index.files.get(uri);
  if (!file || file.kind !== 'python') return undefined;
  return collectorAnalysis(file, others(linter, uri));
}

const schemeOf = (linter: Linter): NameScheme => linter.getSettings().collectors?.nameValidationScheme ?? 'legacy';

/** A lens above each collector class: "5 metric families × 3 components — preview", and one to create sample rows when there are none. */
export function collectorCodeLenses(linter: Linter, params: CodeLensParams): CodeLens[] {
  const found = analysisFor(linter, params.textDocument.uri);
  if (!found) return [];
  const lenses: CodeLens[] = [];
  for (const collector of found.analysis.collectors) {
    const preview = collectorPreview(collector, found.source, schemeOf(linter));
    const range = found.source.range(collector.nameSpan);
    lenses.push({ range, command: { title: lensTitle(preview), command: PREVIEW_METRICS_COMMAND, arguments: [params.textDocument.uri, range.start] } });
    if (preview.modelsWithoutRows.length) {
      lenses.push({ range, command: { title: 'Add sample rows', command: CREATE_SAMPLES_COMMAND, arguments: [params.textDocument.uri] } });
    }
  }
  return lenses;
}

function familyLine(fam: FamilyResult): string {
  const labels = fam.labelsUnknown ? `{${fam.labelsDesc}}` : (fam.labels ?? []).map((l) => (l.t === 'str' ? l.v : renderTemplate(l))).join(', ');
  const exposed = exposedFamilies({
    type: fam.type,
    name: displayName(fam.name),
    labels: [],
    created: fam.created,
    histogramSum: fam.histogramSum,
    infoKeys: [],
    hasSamples: true,
  })
    .flatMap((e) => e.samples.map((s) => s.name))
    .map((n) => `\`${n}\``)
    .join(', ');
  const row = fam.rows.filter((r) => r.model && r.known).map((r) => `${r.variable} "${r.label}"`).join(', ');
  const raises = fam.argumentError ? ` — raises ValueError: ${fam.argumentError}` : '';
  return `- ${row ? `${row}: ` : ''}${exposed}${labels ? ` {${labels}}` : ''}${raises}`;
}

/** Hover on a `*MetricFamily(…)` call: the names it renders (per sample row when there are rows) and the template. */
export function collectorHover(linter: Linter, params: HoverParams): Hover | undefined {
  const file = linter.index.files.get(params.textDocument.uri);
  if (!file || file.kind !== 'python' || !file.text.includes('MetricFamily')) return undefined;
  const found = analysisFor(linter, params.textDocument.uri);
  if (!found) return undefined;
  const offset = found.source.lines.offsetAt(params.position);
  for (const collector of found.analysis.collectors) {
    const site = siteAt(collector, offset);
    if (!site) continue;
    const sameSite = (f: FamilyResult) => f.site.span.from === site.span.from && f.site.span.to === site.span.to;
    const template = collector.template.families.filter(sameSite);
    const sampled = collector.sampled?.families.filter(sameSite) ?? [];
    const lines: string[] = [`**${site.cls.className}** → \`${site.cls.type}\` (collector \`${collector.className}\`)`, ''];
    if (template[0]) lines.push(`Name: \`${displayName(template[0].name)}\``, '');
    if (sampled.length) {
      lines.push(`With ${collector.sampleSources.map((s) => `${s.rows} ${s.model} row${s.rows === 1 ? '' : 's'} from ${path.basename(uriToPath(s.source.uri) ?? s.source.uri)}`).join(', ')}:`, '');
      for (const fam of sampled.slice(0, 30)) lines.push(familyLine(fam));
      if (sampled.length > 30) lines.push(`- … ${sampled.length - 30} more`);
    } else {
      for (const fam of template.slice(0, 30)) lines.push(familyLine(fam));
      if (collector.template.models.length) lines.push('', `No sample rows for ${collector.template.models.map((m) => m.model).join(', ')}: add fixtures or ${SAMPLES_FILE_NAME} to see the real names.`);
    }
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: found.source.range(site.calleeSpan) };
  }
  return undefined;
}

function siteAt(collector: CollectorInfo, offset: number) {
  let best: FamilyResult['site'] | undefined;
  for (const fam of collector.template.families) {
    const s = fam.site;
    if (offset < s.span.from || offset > s.span.to) continue;
    // Only the callee and the parentheses' own text, not a nested family call inside the arguments.
    if (!best || s.span.to - s.span.from < best.span.to - best.span.from) best = s;
  }
  return best;
}

/** The preview document: the exposition text of the file's collectors (or the one at `position`). */
export function collectorPreviewRequest(linter: Linter, params: CollectorPreviewParams): CollectorPreviewResult {
  const found = analysisFor(linter, params.uri);
  if (!found) return { error: 'This file is not an indexed Python file.' };
  let collectors = found.analysis.collectors;
  if (params.position) {
    const line = params.position.line;
    const at = collectors.filter((c) => {
      const r = found.source.range(c.span);
      return r.start.line <= line && line <= r.end.line;
    });
    if (at.length) collectors = at;
  }
  if (!collectors.length) return { error: 'No custom collector in this file (a class with collect() that builds *MetricFamily objects).' };
  const label = path.basename(uriToPath(params.uri) ?? params.uri);
  const previews = modulePreview({ collectors }, found.source as PythonSource, schemeOf(linter));
  return { text: renderExposition(previews, label), title: `${label} metrics` };
}

/** Where the samples file goes and what a new one holds: the models the file's collectors iterate and the fields they read. */
export function collectorSamplesRequest(linter: Linter, roots: string[], params: CollectorSamplesParams): CollectorSamplesResult {
  const file = uriToPath(params.uri);
  const root = (file && roots.filter((r) => !path.relative(r, file).startsWith('..')).sort((a, b) => b.length - a.length)[0]) ?? (file ? path.dirname(file) : roots[0]);
  if (!root) return { error: 'No workspace folder to put the samples file in.' };
  const target = path.join(root, SAMPLES_FILE_NAME);
  const existing = linter.index.files.get(pathToUri(target));
  const found = analysisFor(linter, params.uri);
  const models = new Map<string, Set<string>>();
  for (const collector of found?.analysis.collectors ?? []) {
    for (const m of collector.template.models) {
      const fields = models.get(m.model) ?? new Set<string>();
      m.fields.forEach((f) => fields.add(f));
      models.set(m.model, fields);
    }
  }
  const content = samplesFileTemplate([...models].map(([name, fields]) => ({ name, fields: [...fields].slice(0, 8) })));
  return { uri: pathToUri(target), content, exists: existing !== undefined };
}
