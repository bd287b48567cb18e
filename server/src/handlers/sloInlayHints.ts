import type { InlayHint, InlayHintParams } from 'vscode-languageserver/node';
import type { Linter } from '../engine/linter';
import { objectiveInlay, objectiveMarkdown, objectiveSites } from '../engine/slo/explain';

/** Inlay hints after each availability objective in the visible range: the error budget per 30 days and per year. */
export function sloInlayHints(linter: Linter, params: InlayHintParams): InlayHint[] {
  const file = linter.index.files.get(params.textDocument.uri);
  if (!file || file.kind !== 'yaml') return [];
  const hints: InlayHint[] = [];
  for (const doc of file.docs) {
    const first = doc.startLine;
    const last = doc.startLine + doc.lines.lineCount - 1;
    if (last < params.range.start.line || first > params.range.end.line) continue;
    for (const site of objectiveSites(doc)) {
      const label = objectiveInlay(site);
      if (!label) continue;
      const position = doc.range(site.span.end, site.span.end).end;
      if (position.line < params.range.start.line || position.line > params.range.end.line) continue;
      hints.push({ position, label: `  ${label}`, paddingLeft: true, tooltip: { kind: 'markdown', value: objectiveMarkdown(site) ?? '' } });
    }
  }
  return hints;
}
