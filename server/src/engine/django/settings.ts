import type { Expr, Stmt } from '../python/ast';
import { Binding, EnvLookup, PyVal, StaticModule } from '../python/dictEval';
import { forEachChildExpr, forEachStmtExpr } from '../python/evaluate';
import { cachedForText, pythonSource, PythonSource } from '../python/source';
import type { IndexedFile } from '../workspace/index';
import { exactFileName } from '../workspace/fileNames';

/**
 * django-prometheus' export settings in a Django settings module
 * (`django_prometheus/exports.py`): PROMETHEUS_METRICS_EXPORT_PORT_RANGE (each
 * process binds the first free port of the range), PROMETHEUS_METRICS_EXPORT_PORT
 * (one port), and how they read the environment.
 */

export const RANGE = 'PROMETHEUS_METRICS_EXPORT_PORT_RANGE';
export const PORT = 'PROMETHEUS_METRICS_EXPORT_PORT';
export const SETTINGS_ENV = 'DJANGO_SETTINGS_MODULE';

/** Finds the files of a module by name pattern (the workspace query, or a cross-file map). */
export type FileLookup = (pattern: RegExp) => IndexedFile[];

export interface ExportSetting {
  name: typeof RANGE | typeof PORT;
  file: IndexedFile;
  source: PythonSource;
  binding: Binding;
}

function staticModule(file: IndexedFile): StaticModule {
  return cachedForText(file, 'django-static', () => new StaticModule(pythonSource(file).module));
}

/** A module-level binding of `name` in the file, if the file binds it unconditionally. */
function ownSetting(file: IndexedFile, name: ExportSetting['name']): ExportSetting | undefined {
  if (file.kind !== 'python' || !file.text.includes(name)) return undefined;
  const module = staticModule(file);
  const bindings = module.bindings(name);
  const binding = bindings[bindings.length - 1];
  if (!binding) return undefined;
  return { name, file, source: pythonSource(file), binding };
}

/** `from .base import *` and `from proj.settings.base import *`: the modules a settings file takes every name from. */
export function starImports(file: IndexedFile): { module: string; level: number; stmt: Stmt }[] {
  if (!file.text.includes('*')) return [];
  return pythonSource(file)
    .module.body.filter((s): s is Extract<Stmt, { kind: 'from' }> => s.kind === 'from' && s.star)
    .map((s) => ({ module: s.module, level: s.level, stmt: s }));
}

/** The file of a dotted module name, relative to `from` for relative imports; undefined when not found or ambiguous. */
export function moduleFile(lookup: FileLookup, module: string, level = 0, from?: IndexedFile): IndexedFile | undefined {
  const parts = module ? module.split('.') : [];
  if (level > 0 && from) {
    const dir = from.uri.slice(0, from.uri.lastIndexOf('/')).split('/');
    const upTo = dir.slice(0, dir.length - (level - 1));
    const exact = [`${upTo.join('/')}/${parts.join('/')}.py`, `${upTo.join('/')}/${[...parts, '__init__.py'].join('/')}`];
    const name = parts.length ? `${parts[parts.length - 1]}.py` : '__init__.py';
    return [...lookup(exactFileName(name)), ...lookup(/^__init__\.py$/)].find((f) => exact.includes(f.uri));
  }
  if (parts.length === 0) return undefined;
  const last = parts[parts.length - 1];
  const candidates = [
    ...lookup(exactFileName(`${last}.py`)).map((f) => ({ f, dirs: parts.slice(0, -1) })),
    ...lookup(/^__init__\.py$/).map((f) => ({ f, dirs: parts })),
  ].filter(({ f, dirs }) => {
    const segments = f.uri.split('/').slice(0, -1);
    return dirs.every((d, i) => segments[segments.length - dirs.length + i] === d);
  });
  return candidates.length === 1 ? candidates[0].f : undefined;
}

/** A setting as the settings module ends up with it: its own binding, else one from a star-imported module (the last import wins). */
export function findSetting(file: IndexedFile, name: ExportSetting['name'], lookup?: FileLookup, depth = 0): ExportSetting | undefined {
  const own = ownSetting(file, name);
  if (own || !lookup || depth > 4) return own;
  let found: ExportSetting | undefined;
  for (const star of starImports(file)) {
    const target = moduleFile(lookup, star.module, star.level, file);
    const inner = target && target !== file ? findSetting(target, name, lookup, depth + 1) : undefined;
    if (inner) found = inner;
  }
  return found;
}

/** The setting's value in an environment (the container's), evaluated in the module that binds it. */
export function settingValue(setting: ExportSetting, env?: EnvLookup): PyVal {
  const module = env ? new StaticModule(setting.source.module, { env }) : staticModule(setting.file);
  return module.final(setting.name) ?? { k: 'unknown', why: 'not set', from: setting.binding.target.from, to: setting.binding.target.to };
}

/** `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")` in manage.py, wsgi.py or asgi.py. */
export function defaultSettingsModule(file: IndexedFile): { module: string; span: { from: number; to: number } } | undefined {
  if (file.kind !== 'python' || !file.text.includes(SETTINGS_ENV)) return undefined;
  const source = pythonSource(file);
  let found: { module: string; span: { from: number; to: number } } | undefined;
  const visit = (e: Expr): void => {
    if (
      e.kind === 'call' &&
      e.func.kind === 'attr' &&
      e.func.attr === 'setdefault' &&
      e.args.length >= 2 &&
      e.args[0].value.kind === 'str' &&
      e.args[0].value.value === SETTINGS_ENV &&
      e.args[1].value.kind === 'str'
    ) {
      found = { module: e.args[1].value.value, span: e.args[1].value };
    }
    forEachChildExpr(e, visit);
  };
  const walk = (body: Stmt[]) => {
    for (const s of body) {
      forEachStmtExpr(s, visit);
      if (s.kind === 'def' || s.kind === 'if' || s.kind === 'try' || s.kind === 'with') {
        const bodies = s.kind === 'try' ? [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finalbody] : s.kind === 'if' ? [s.body, s.orelse] : [s.body];
        for (const b of bodies) walk(b);
      }
    }
  };
  walk(source.module.body);
  return found;
}
