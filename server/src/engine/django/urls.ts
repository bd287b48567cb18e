import type { Expr, Stmt } from '../python/ast';
import { forEachChildExpr, forEachStmtExpr } from '../python/evaluate';
import { cachedForText, pythonSource } from '../python/source';
import type { IndexedFile } from '../workspace/index';

/** `include('django_prometheus.urls')` (or `include("django_prometheus.urls")` inside `path`/`url`/`re_path`) in a URL module. */
export function prometheusUrlIncludes(file: IndexedFile): Expr[] {
  if (file.kind !== 'python' || !file.text.includes('django_prometheus.urls')) return [];
  return cachedForText(file, 'django-prometheus-urls', () => {
    const source = pythonSource(file);
    const out: Expr[] = [];
    const visit = (e: Expr): void => {
      if (e.kind === 'call' && e.func.kind === 'name' && e.func.id === 'include' && e.args[0]?.value.kind === 'str' && e.args[0].value.value === 'django_prometheus.urls') out.push(e);
      else if (e.kind === 'call' && e.func.kind === 'attr' && e.func.attr === 'include' && e.args[0]?.value.kind === 'str' && e.args[0].value.value === 'django_prometheus.urls') out.push(e);
      forEachChildExpr(e, visit);
    };
    const walk = (body: Stmt[]) => {
      for (const s of body) {
        forEachStmtExpr(s, visit);
        if (s.kind === 'if' || s.kind === 'try' || s.kind === 'with') walk(s.kind === 'if' ? [...s.body, ...s.orelse] : s.kind === 'try' ? [...s.body, ...s.handlers.flatMap((h) => h.body), ...s.orelse, ...s.finalbody] : s.body);
      }
    };
    walk(source.module.body);
    return out.filter((e) => !source.inError(e));
  });
}
