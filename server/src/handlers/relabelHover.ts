import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { LineIndex } from '../engine/documents/lineIndex';
import { docAtOffset } from '../engine/fixes/locate';
import type { Linter } from '../engine/linter';
import { relabelHoverAt } from '../engine/prometheus/explain';

/** Hover on a relabel rule: the effective rule (defaults filled in) and one sentence of what it does. */
export function relabelHover(linter: Linter, params: HoverParams): Hover | null {
  const file = linter.index.files.get(params.textDocument.uri);
  if (!file || file.kind !== 'yaml') return null;
  const lines = new LineIndex(file.text);
  if (params.position.line >= lines.lineCount) return null;
  const found = docAtOffset(file.docs, lines.offsetAt(params.position));
  if (!found) return null;
  const markdown = relabelHoverAt(found.doc, found.offset, linter.getSettings().prometheus?.version);
  return markdown ? { contents: { kind: 'markdown', value: markdown } } : null;
}
