import { readFile } from 'fs/promises';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { modulePreview, previewJson, renderExposition, CollectorPreview } from '../engine/collectors/preview';
import { SAMPLES_FILE_NAME } from '../engine/collectors/samples';
import { collectorAnalysis, collectorReads, TextFile } from '../engine/collectors/workspace';
import { CONFIG_FILE_NAME, parseConfig } from '../engine/config';
import { sortFindings, targetRange } from '../engine/diagnostics';
import { Linter } from '../engine/linter';
import { ALL_RULES } from '../engine/rules/index';
import type { Finding } from '../engine/rules/types';
import { DEFAULT_SETTINGS, mergeSettings } from '../engine/settings';
import { discoverFiles } from '../engine/workspace/discover';
import type { NameScheme } from '../engine/collectors/families';

export const METRICS_USAGE = `usage: obsconf metrics <collector.py…> [--samples FILE] [--format text|json|exposition] [--name-scheme legacy|utf8]

Previews the metrics the custom prometheus_client collectors of the given Python
files expose, from static analysis alone (nothing is executed): per collector, each
metric family with its type, exposed names and label names, per sample row, and the
findings of the collectors/* rules.

Sample rows come from Django fixtures (<app>/fixtures/*.json|yaml) and
.obsconf-samples.yaml under the project folder (the nearest folder above the file
holding manage.py, .obsconf.yaml or .git), or from --samples.

  --samples FILE        sample rows: an obsconf samples file (models: {Model: [rows]})
                        or a Django fixture; wins over the project's samples
  --format FORMAT       text (default), json, or exposition (Prometheus text format)
  --name-scheme SCHEME  legacy (default, or .obsconf.yaml collectors.nameValidationScheme)
                        or utf8

Exit status: 0 no errors, 1 error findings (prometheus_client would raise or a name
is duplicated), 2 usage error.
`;

interface Output {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const COLLECTOR_RULES = ALL_RULES.filter((r) => r.id.startsWith('collectors/'));

async function exists(p: string): Promise<boolean> {
  try {
    await readFile(p);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EISDIR';
  }
}

/** The project folder of a file: the nearest ancestor holding manage.py, .obsconf.yaml, the samples file or .git; else the current folder when the file is inside it. */
async function projectRoot(file: string, cwd: string): Promise<string> {
  let dir = path.dirname(file);
  for (;;) {
    for (const marker of ['manage.py', CONFIG_FILE_NAME, SAMPLES_FILE_NAME, '.git']) if (await exists(path.join(dir, marker))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.relative(cwd, file).startsWith('..') ? path.dirname(file) : cwd;
    dir = parent;
  }
}

/** `obsconf metrics …`: returns what to print and the exit status. */
export async function runMetrics(argv: string[], cwd: string): Promise<Output> {
  const files: string[] = [];
  let samplesPath: string | undefined;
  let format = 'text';
  let scheme: NameScheme | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i];
    if (arg === '--help' || arg === '-h') return { stdout: METRICS_USAGE, stderr: '', exitCode: 0 };
    else if (arg === '--samples') samplesPath = value();
    else if (arg.startsWith('--samples=')) samplesPath = arg.slice(10);
    else if (arg === '--format') format = value() ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice(9);
    else if (arg === '--name-scheme' || arg.startsWith('--name-scheme=')) {
      const v = arg.includes('=') ? arg.split('=')[1] : value();
      if (v !== 'legacy' && v !== 'utf8') return usage('--name-scheme must be legacy or utf8');
      scheme = v;
    } else if (arg.startsWith('-')) return usage(`unknown option ${arg}`);
    else files.push(path.resolve(cwd, arg));
  }
  if (!files.length) return usage('give at least one Python file');
  if (!['text', 'json', 'exposition'].includes(format)) return usage('--format must be text, json or exposition');
  if (samplesPath === '') return usage('--samples needs a file');

  let stderr = '';
  const texts = new Map<string, TextFile>();
  for (const file of files) {
    try {
      texts.set(file, { uri: pathToFileURL(file).href, text: await readFile(file, 'utf8') });
    } catch (error) {
      return { stdout: '', stderr: `obsconf metrics: cannot read ${path.relative(cwd, file) || file}: ${(error as Error).message}\n`, exitCode: 2 };
    }
  }
  // Sample sources and models modules of each file's project.
  const others = new Map<string, TextFile>();
  let configText: string | undefined;
  for (const file of files) {
    const root = await projectRoot(file, cwd);
    configText ??= await readFile(path.join(root, CONFIG_FILE_NAME), 'utf8').catch(() => undefined);
    for (const found of await discoverFiles(root, { extensions: ['.py', '.json', '.yaml', '.yml'], maxFiles: 20_000 })) {
      const uri = pathToFileURL(found).href;
      if (others.has(uri) || !collectorReads(uri)) continue;
      const text = await readFile(found, 'utf8').catch(() => undefined);
      if (text !== undefined) others.set(uri, { uri, text });
    }
  }
  if (samplesPath) {
    const full = path.resolve(cwd, samplesPath);
    const text = await readFile(full, 'utf8').catch(() => undefined);
    if (text === undefined) return { stdout: '', stderr: `obsconf metrics: cannot read --samples ${samplesPath}\n`, exitCode: 2 };
    const kind = /^\s*\[/.test(text) || /^\s*-\s/m.test(text.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? '') ? 'fixture' : 'samples-file';
    // The --samples file replaces the project's samples file.
    for (const [uri] of others) if (/\.obsconf-samples\.ya?ml$/.test(uri)) others.delete(uri);
    const uri = pathToFileURL(full).href;
    others.set(uri, { uri, text, sampleKind: kind });
  }
  let settings = DEFAULT_SETTINGS;
  if (configText !== undefined) {
    const { settings: fromFile, problems } = parseConfig(configText);
    for (const p of problems) stderr += `obsconf metrics: ${CONFIG_FILE_NAME}: ${p.message}\n`;
    settings = mergeSettings(settings, fromFile);
  }
  if (scheme) settings = mergeSettings(settings, { collectors: { nameValidationScheme: scheme } });
  const nameScheme: NameScheme = settings.collectors?.nameValidationScheme ?? 'legacy';

  // The same rules as the editor, over the same inputs.
  const linter = new Linter(COLLECTOR_RULES, settings);
  for (const f of others.values()) linter.setFile(f.uri, f.text, 'disk');
  for (const f of texts.values()) linter.setFile(f.uri, f.text, 'disk');
  while (linter.pending) linter.run();

  const results: { file: string; previews: CollectorPreview[]; findings: Finding[]; uri: string }[] = [];
  for (const [file, t] of texts) {
    const { source, analysis } = collectorAnalysis(t, [...others.values()].filter((o) => o.uri !== t.uri));
    const previews = modulePreview(analysis, source, nameScheme);
    const findings = sortFindings(linter.findingsFor(t.uri));
    results.push({ file: path.relative(cwd, file) || file, previews, findings, uri: t.uri });
    if (!previews.length) stderr += `obsconf metrics: ${path.relative(cwd, file) || file}: no custom collector found (a class with collect() that builds *MetricFamily objects)\n`;
  }
  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const exitCode = errors > 0 ? 1 : 0;
  if (format === 'json') {
    const json = results.map((r) => ({
      file: r.file,
      collectors: previewJson(r.previews),
      findings: r.findings.map((f) => findingJson(f)),
    }));
    return { stdout: JSON.stringify(json, null, 2) + '\n', stderr, exitCode };
  }
  if (format === 'exposition') return { stdout: results.map((r) => renderExposition(r.previews, r.file)).join('\n'), stderr, exitCode };
  return { stdout: results.map((r) => renderText(r.file, r.previews, r.findings, cwd)).join('\n'), stderr, exitCode };
}

function findingJson(f: Finding): Record<string, unknown> {
  const r = targetRange(f.at);
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1, severity: f.severity, rule: f.ruleId, message: f.message };
}

function renderText(file: string, previews: CollectorPreview[], findings: Finding[], cwd: string): string {
  const out: string[] = [file];
  for (const p of previews) {
    const rows = p.rows.length
      ? `${p.rows.map((r) => `${r.count} ${r.model} row${r.count === 1 ? '' : 's'} from ${relativeUri(r.source, cwd)}`).join(', ')}`
      : p.modelsWithoutRows.length
        ? `no sample rows for ${p.modelsWithoutRows.join(', ')}: names shown as templates`
        : 'no model data';
    out.push(`  ${p.className} (line ${p.line + 1}): ${p.siteCount} metric famil${p.siteCount === 1 ? 'y' : 'ies'}; ${rows}${p.incomplete ? '; analysis incomplete' : ''}`);
    let lastRow: string | undefined;
    for (const f of p.families) {
      if (f.row !== lastRow && f.row) out.push(`    ${f.row}:`);
      lastRow = f.row;
      const exposed = f.exposed.map((e) => `${e.name} (${e.type}${e.samples.length ? `: ${e.samples.map((s) => s.name).join(', ')}` : ''})`).join(', ');
      const labels = f.labels.length ? `labels ${f.labels.join(', ')}` : 'no labels';
      const notes = [f.yielded === 'maybe' ? 'may not be yielded' : '', f.raises ? `raises: ${f.raises}` : ''].filter(Boolean).join('; ');
      out.push(`      ${f.type.padEnd(14)} ${exposed}; ${labels}${notes ? ` — ${notes}` : ''}`);
    }
  }
  if (findings.length) {
    out.push('  findings:');
    for (const f of findings) {
      const r = targetRange(f.at);
      out.push(`    ${file}:${r.start.line + 1}:${r.start.character + 1} ${f.severity} ${f.ruleId} ${f.message}`);
    }
  }
  return out.join('\n') + '\n';
}

function relativeUri(uri: string, cwd: string): string {
  try {
    return path.relative(cwd, fileURLToPath(uri)) || uri;
  } catch {
    return uri;
  }
}

function usage(message: string): Output {
  return { stdout: '', stderr: `obsconf metrics: ${message}\n${METRICS_USAGE}`, exitCode: 2 };
}
