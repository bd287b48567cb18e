import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import { logconfigHover, runserverHover } from '../engine/gunicorn/hover';
import type { Linter } from '../engine/linter';
import { pythonSource } from '../engine/python/source';

/**
 * Hovers in Python files for the gunicorn and Django checks: `logconfig_dict`
 * shows the merged configuration gunicorn uses (as YAML) and where its lines
 * go; a django-prometheus export setting that manage.py runserver reads
 * explains --noreload. A connection has one hover handler, so server.ts
 * composes this one with the others.
 */
export function gunicornHover(linter: Linter, params: HoverParams): Hover | undefined {
  const file = linter.index.files.get(params.textDocument.uri);
  if (!file || file.kind !== 'python') return undefined;
  try {
    const source = pythonSource(file);
    const offset = source.lines.offsetAt(params.position);
    const manageFiles = () => [...linter.index.files.values()].filter((f) => f.uri.endsWith('/manage.py'));
    const found = logconfigHover(file, offset) ?? runserverHover(file, offset, manageFiles());
    if (!found) return undefined;
    return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: source.range(found.span) };
  } catch {
    return undefined;
  }
}
