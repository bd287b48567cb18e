import type { Hover, HoverParams } from 'vscode-languageserver/node';
import type { Linter } from '../engine/linter';
import { objectiveMarkdown } from '../engine/slo/explain';
import { objectiveAt } from '../engine/slo/objectives';
import { docAt } from './sloDocs';

/** Hover on an availability objective (Sloth, OpenSLO, `slo:`, the ServiceMonitor annotation): its error budget. */
export function sloHover(linter: Linter, params: HoverParams): Hover | null {
  const found = docAt(linter, params.textDocument.uri, params.position);
  if (!found) return null;
  const site = objectiveAt(found.doc, found.offset);
  const markdown = site && objectiveMarkdown(site);
  if (!site || !markdown) return null;
  return { contents: { kind: 'markdown', value: markdown }, range: found.doc.range(site.span.start, site.span.end) };
}
