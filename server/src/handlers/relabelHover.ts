import type { Hover, HoverParams } from 'vscode-languageserver/node';
import type { Linter } from '../engine/linter';
import { relabelHoverAt } from '../engine/prometheus/explain';
import { yamlPositionAt } from './positions';

/** Hover on a relabel rule: the effective rule (defaults filled in) and one sentence of what it does. */
export function relabelHover(linter: Linter, params: HoverParams): Hover | null {
  const file = linter.index.files.get(params.textDocument.uri);
  if (!file || file.kind !== 'yaml') return null;
  const found = yamlPositionAt(file.docs, params.position);
  if (!found) return null;
  const markdown = relabelHoverAt(found.doc, found.offset, linter.getSettings().prometheus?.version);
  return markdown ? { contents: { kind: 'markdown', value: markdown } } : null;
}
