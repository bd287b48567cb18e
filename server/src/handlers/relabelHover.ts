import type { Hover, HoverParams } from 'vscode-languageserver/node';
import type { Linter } from '../engine/linter';
import { docAtOffset, relabelHoverAt } from '../engine/prometheus/explain';

/** Hover on a relabel rule: the effective rule (defaults filled in) and one sentence of what it does. */
export function relabelHover(linter: Linter, params: HoverParams): Hover | null {
  const file = linter.index.files.get(params.textDocument.uri);
  if (!file || file.kind !== 'yaml') return null;
  const lines = file.text.split('\n', params.position.line + 1);
  if (lines.length <= params.position.line) return null;
  let offset = params.position.character;
  for (let i = 0; i < params.position.line; i++) offset += lines[i].length + 1;
  const found = docAtOffset(file.docs, offset);
  if (!found) return null;
  const markdown = relabelHoverAt(found.doc, found.offset, linter.getSettings().prometheus?.version);
  return markdown ? { contents: { kind: 'markdown', value: markdown } } : null;
}
