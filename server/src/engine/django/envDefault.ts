import type { Expr, Stmt } from '../python/ast';
import { StaticModule } from '../python/dictEval';
import { forEachChildExpr, forEachStmtExpr } from '../python/evaluate';
import { cachedForText, pythonSource, PythonSource } from '../python/source';
import type { IndexedFile } from '../workspace/index';

/**
 * `int(os.environ.get("METRICS_START_PORT"))` at import time: without the
 * variable (tests, manage.py commands, a developer's shell) `get` returns None
 * and `int(None)` raises, so the settings module cannot even be imported.
 */

/** The variables of the seed's settings, with the default a fix writes (django-prometheus' documented port range starts at 8001; gunicorn's own default is one worker). */
export const ENV_DEFAULTS: Readonly<Record<string, string>> = { METRICS_START_PORT: '8001', WEB_CONCURRENCY: '1' };

export interface EnvReadWithoutDefault {
  variable: string;
  /** The read (`os.environ.get("X")`, `os.environ["X"]`). */
  read: Expr;
  /** The `int(...)` around it. */
  int: Expr;
  form: 'get' | 'item';
  edit: { from: number; to: number; newText: string };
}

/** Statements that run when the module is imported: the top level, and branches of it (not function or class bodies). */
function importTimeStatements(body: Stmt[], out: Stmt[] = []): Stmt[] {
  for (const s of body) {
    out.push(s);
    if (s.kind === 'if' || s.kind === 'for' || s.kind === 'while') importTimeStatements([...s.body, ...s.orelse], out);
    else if (s.kind === 'try') importTimeStatements([...s.body, ...s.handlers.flatMap((h) => h.body), ...s.orelse, ...s.finalbody], out);
    else if (s.kind === 'with') importTimeStatements(s.body, out);
  }
  return out;
}

export function envReadsWithoutDefault(file: IndexedFile): EnvReadWithoutDefault[] {
  if (file.kind !== 'python' || !Object.keys(ENV_DEFAULTS).some((v) => file.text.includes(v))) return [];
  return cachedForText(file, 'django-env-defaults', () => find(pythonSource(file)));
}

function find(source: PythonSource): EnvReadWithoutDefault[] {
  const module = new StaticModule(source.module);
  const text = source.text;
  const out: EnvReadWithoutDefault[] = [];
  const pathOf = (e: Expr) => {
    const v = module.evaluate(e);
    return v.k === 'ref' ? v.path : undefined;
  };
  const visit = (e: Expr): void => {
    if (e.kind === 'call' && e.func.kind === 'name' && e.func.id === 'int' && e.args.length === 1 && !e.args[0].name && !e.args[0].star) {
      const read = e.args[0].value;
      if (read.kind === 'call' && read.args.length === 1 && !read.args[0].name && read.args[0].value.kind === 'str') {
        const variable = read.args[0].value.value;
        const path = pathOf(read.func);
        if (variable in ENV_DEFAULTS && (path === 'os.environ.get' || path === 'os.getenv')) {
          const arg = read.args[0].value;
          out.push({ variable, read, int: e, form: 'get', edit: { from: arg.to, to: arg.to, newText: `, "${ENV_DEFAULTS[variable]}"` } });
        }
      } else if (read.kind === 'subscript' && read.index.kind === 'str' && read.index.value in ENV_DEFAULTS && pathOf(read.value) === 'os.environ') {
        const receiver = text.slice(read.value.from, read.value.to);
        const key = text.slice(read.index.from, read.index.to);
        out.push({
          variable: read.index.value,
          read,
          int: e,
          form: 'item',
          edit: { from: read.from, to: read.to, newText: `${receiver}.get(${key}, "${ENV_DEFAULTS[read.index.value]}")` },
        });
      }
    }
    forEachChildExpr(e, visit);
  };
  for (const stmt of importTimeStatements(source.module.body)) forEachStmtExpr(stmt, visit);
  return out.filter((r) => !source.inError(r.int));
}
