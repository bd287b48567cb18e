import { blockBodies, dottedName, Expr, Stmt } from '../python/ast';
import { forEachChildExpr, forEachStmtExpr } from '../python/evaluate';
import type { CollectorProblem } from './checks';

/**
 * Finds `REGISTRY.register(…)` calls that run at import time (module level) or
 * in `AppConfig.ready()`, before the database is ready.
 */

const REGISTRY_PATHS = new Set(['prometheus_client.REGISTRY', 'prometheus_client.registry.REGISTRY', 'prometheus_client.core.REGISTRY']);

/** Module-level import bindings: local name → dotted path. */
export function importBindings(body: readonly Stmt[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const stmt of body) {
    if (stmt.kind === 'import') {
      for (const n of stmt.names) {
        if (n.asname) out.set(n.asname, n.name);
        else out.set(n.name.split('.')[0], n.name.split('.')[0]);
      }
    } else if (stmt.kind === 'from' && stmt.level === 0) {
      for (const n of stmt.names) out.set(n.asname ?? n.name, `${stmt.module}.${n.name}`);
    }
  }
  return out;
}

function resolve(expr: Expr, bindings: Map<string, string>): string | undefined {
  const name = dottedName(expr);
  if (!name) return undefined;
  const [head, ...rest] = name.split('.');
  const base = bindings.get(head);
  return base ? [base, ...rest].join('.') : undefined;
}

function registerCalls(stmts: readonly Stmt[], bindings: Map<string, string>, intoFunctions: boolean): (Expr & { kind: 'call' })[] {
  const out: (Expr & { kind: 'call' })[] = [];
  const visitExpr = (e: Expr) => {
    if (e.kind === 'call' && e.func.kind === 'attr' && e.func.attr === 'register') {
      const target = resolve(e.func.value, bindings);
      if (target && REGISTRY_PATHS.has(target)) out.push(e);
    }
    if (e.kind !== 'lambda') forEachChildExpr(e, visitExpr);
  };
  const visit = (list: readonly Stmt[]) => {
    for (const s of list) {
      if (s.kind === 'def' && !intoFunctions) continue;
      if (s.kind === 'class' && !intoFunctions) {
        // A class body runs at import time, its methods do not.
        visit(s.body.filter((m) => m.kind !== 'def'));
        continue;
      }
      // forEachStmtExpr already visits a with statement's items; visiting them again reported each call twice.
      forEachStmtExpr(s, visitExpr);
      for (const body of blockBodies(s)) visit(body);
    }
  };
  visit(stmts);
  return out;
}

const PATTERN =
  'Register once, after the database is ready: for example from a connection_created signal handler that imports the collector and sets a module-level flag (the pattern of "Create Prometheus metrics from a dynamic source in Python").';

export function registrationProblems(body: readonly Stmt[], isAppsModule: boolean): CollectorProblem[] {
  const bindings = importBindings(body);
  const out: CollectorProblem[] = [];
  for (const call of registerCalls(body, bindings, false)) {
    out.push({
      span: { from: call.from, to: call.to },
      message: `REGISTRY.register(…) runs when ${isAppsModule ? 'apps.py' : 'this module'} is imported: the default registry calls collect() at once to learn the metric names, so the collector queries the database before it is ready (migrations, tests, every manage.py command), and a second import registers it twice ("Duplicated timeseries in CollectorRegistry"). ${PATTERN}`,
    });
  }
  // AppConfig.ready() runs during django.setup(), for every management command, before any connection exists.
  for (const cls of body) {
    if (cls.kind !== 'class') continue;
    const isAppConfig = cls.bases.some((b) => {
      const name = dottedName(b.value);
      return name !== undefined && (name === 'AppConfig' || name.endsWith('.AppConfig'));
    });
    if (!isAppConfig) continue;
    const ready = cls.body.find((m): m is Stmt & { kind: 'def' } => m.kind === 'def' && m.name === 'ready');
    if (!ready) continue;
    for (const call of registerCalls(ready.body, bindings, false)) {
      out.push({
        span: { from: call.from, to: call.to },
        message: `REGISTRY.register(…) in AppConfig.ready() runs during startup of every process, manage.py commands and tests included, before the database is ready: the default registry calls collect() at once (auto_describe), so the collector queries the database too early. ${PATTERN}`,
      });
    }
  }
  return out;
}
