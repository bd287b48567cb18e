import { cachedForText, pythonSource, PythonSource } from '../python/source';
import { analyzeModule, CollectorEnv, ModuleAnalysis } from './analyze';
import { isSampleSourcePath, SampleSet } from './samples';

/**
 * The collector analysis of a file in the context of its workspace: sample
 * rows from fixtures and the samples file, and the models modules the
 * collector imports. Shared by the rules, the hover, the code lens, the
 * preview command and the CLI; cached per file text and workspace inputs.
 */

export interface TextFile {
  uri: string;
  text: string;
  /** Forces how a sample source is read (the CLI's `--samples` file), whatever its name. */
  sampleKind?: 'fixture' | 'samples-file';
}

/** `…/models.py` or a module of a `models/` package: where Django model classes live. */
export function isModelsModulePath(uri: string): boolean {
  return /(^|\/)models\.py$|(^|\/)models\/[^/]+\.py$/.test(uri);
}

/** The files a collector's preview reads besides its own: sample sources and models modules. */
export function collectorReads(uri: string): boolean {
  return isSampleSourcePath(uri) || isModelsModulePath(uri);
}

export function isPythonUri(uri: string): boolean {
  return uri.endsWith('.py');
}

function hashText(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return `${text.length}:${(h >>> 0).toString(36)}`;
}

let sampleCache: { key: string; set: SampleSet } | undefined;

function samplesOf(files: readonly TextFile[], key: string): SampleSet {
  if (sampleCache?.key === key) return sampleCache.set;
  const set = new SampleSet();
  for (const f of files) if (f.sampleKind || isSampleSourcePath(f.uri)) set.add(f.uri, f.text, f.sampleKind);
  sampleCache = { key, set };
  return set;
}

function dirOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

/** The URIs a `from <module> import …` can mean, relative to the importing file. */
export function moduleCandidates(fromUri: string, module: string, level: number): { relative: string[]; suffixes: string[] } {
  const path = module.split('.').filter(Boolean).join('/');
  if (level > 0) {
    let dir = dirOf(fromUri);
    for (let i = 1; i < level; i++) dir = dirOf(dir);
    const base = path ? `${dir}/${path}` : dir;
    return { relative: [`${base}.py`, `${base}/__init__.py`], suffixes: [] };
  }
  return { relative: [], suffixes: [`/${path}.py`, `/${path}/__init__.py`] };
}

/**
 * The environment of a collector in `file`: sample rows and model modules
 * taken from `others` (the files the rule reads).
 */
export function collectorEnv(file: TextFile, others: Iterable<TextFile>): { env: CollectorEnv; key: string } {
  const list = [...others].filter((f) => f.uri !== file.uri).sort((a, b) => (a.uri < b.uri ? -1 : 1));
  const key = list.map((f) => `${f.uri}#${f.sampleKind ?? ''}#${cachedForText(f, 'hash', () => hashText(f.text))}`).join('|');
  const byUri = new Map(list.map((f) => [f.uri, f]));
  const samples = samplesOf(list, key);
  const segments = dirOf(file.uri).split('/');
  const env: CollectorEnv = {
    samples,
    packageName: segments[segments.length - 1],
    importModule(module, level, fromUri) {
      const { relative, suffixes } = moduleCandidates(fromUri, module, level);
      let found = relative.map((u) => byUri.get(u)).find(Boolean);
      if (!found && suffixes.length) found = list.find((f) => suffixes.some((s) => f.uri.endsWith(s)));
      if (!found || !isModelsModulePath(found.uri)) return undefined;
      return { source: pythonSource(found), key: found.uri };
    },
  };
  return { env, key };
}

const analyses = new WeakMap<object, { text: string; key: string; analysis: ModuleAnalysis }>();

/** The collectors of a Python file, analysed with the workspace's samples and models (cached). */
export function collectorAnalysis(file: TextFile, others: Iterable<TextFile>): { source: PythonSource; analysis: ModuleAnalysis } {
  const source = pythonSource(file);
  // Most Python files have no collector: skip the evaluation (and the workspace key) for them.
  if (!mayHaveCollector(file.text)) return { source, analysis: { collectors: [] } };
  const { env, key } = collectorEnv(file, others);
  const hit = analyses.get(file);
  if (hit && hit.text === file.text && hit.key === key) return { source, analysis: hit.analysis };
  const analysis = analyzeModule(source, env);
  analyses.set(file, { text: file.text, key, analysis });
  return { source, analysis };
}

/** A cheap pre-check on the text: a collector needs a family class name and a `collect` method. */
export function mayHaveCollector(text: string): boolean {
  return text.includes('MetricFamily') && text.includes('collect');
}
