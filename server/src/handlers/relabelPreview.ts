import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import type { Linter } from '../engine/linter';
import { analyzeDocument } from '../engine/prometheus/analyze';
import { describeRule } from '../engine/prometheus/explain';
import { listAtOffset, parseSampleLabels, previewList } from '../engine/prometheus/preview';
import { previewJson, renderPreviewMarkdown } from '../engine/prometheus/render';
import { sampleTargets, samplesYaml } from '../engine/prometheus/samples';
import { resolveVersion } from '../engine/prometheus/version';
import type { RelabelPreviewParams, RelabelPreviewResult } from '../protocol';
import { yamlPositionAt } from './positions';

/** The client command a relabel CodeLens runs (registered by client/src/commands/relabelPreview.ts). */
export const RELABEL_PREVIEW_COMMAND = 'obsconf.relabelPreview';

/** A "Preview relabeling" lens on every relabel list of a file. */
export function relabelCodeLenses(linter: Linter, params: CodeLensParams): CodeLens[] {
  const file = linter.index.files.get(params.textDocument.uri);
  if (!file || file.kind !== 'yaml') return [];
  const lenses: CodeLens[] = [];
  for (const doc of file.docs) {
    for (const analysis of analyzeDocument(doc, linter.getSettings().prometheus?.version)) {
      const range = doc.range(analysis.list.keySpan.start, analysis.list.keySpan.end);
      const count = analysis.rules.length;
      lenses.push({
        range,
        command: {
          title: `Preview relabeling (${count} rule${count === 1 ? '' : 's'})`,
          command: RELABEL_PREVIEW_COMMAND,
          arguments: [params.textDocument.uri, range.start],
        },
      });
    }
  }
  return lenses;
}

/** Runs the preview request: suggested samples without labels, the step-by-step table with them. */
export function relabelPreview(linter: Linter, params: RelabelPreviewParams): RelabelPreviewResult {
  const file = linter.index.files.get(params.uri);
  if (!file || file.kind !== 'yaml') return { error: 'This file is not indexed as YAML.' };
  const found = yamlPositionAt(file.docs, params.position);
  if (!found) return { error: 'No YAML document at this position.' };
  const versionText = linter.getSettings().prometheus?.version;
  const analysis = listAtOffset(analyzeDocument(found.doc, versionText), found.offset);
  if (!analysis) return { error: 'No relabel list at this position.' };
  if (params.labels === undefined) return { samples: samplesYaml(sampleTargets(analysis.list, linter.index)) };
  const { targets, error } = parseSampleLabels(params.labels);
  if (error) return { error: `Sample labels: ${error}.` };
  const result = previewList(analysis, targets, { version: resolveVersion(versionText), steps: true });
  const titles = analysis.rules.map((rule) => describeRule(rule, analysis.list.stage));
  return { markdown: renderPreviewMarkdown(result, titles), json: previewJson(result) };
}
