import { promises as fs } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CONFIG_FILE_NAME, parseConfig } from '../engine/config';
import { Linter } from '../engine/linter';
import { ALL_RULES } from '../engine/rules/index';
import type { Finding } from '../engine/rules/types';
import { DEFAULT_SETTINGS, EngineSettings, mergeSettings } from '../engine/settings';
import { DISCOVERED_EXTENSIONS, discoverFiles, isIndexedPath, readText } from '../engine/workspace/discover';
import type { CheckOptions } from './args';
import { buildReport, ConfigProblemAt, describeCounts, relativePath } from './report';
import { REPORTERS } from './reporters/index';

export interface CheckOutcome {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** The folder every path lies in (a file counts as its folder). */
export function commonRoot(folders: string[]): string {
  let common = folders[0].split(path.sep);
  for (const folder of folders.slice(1)) {
    const parts = folder.split(path.sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  const joined = common.join(path.sep);
  return joined === '' ? path.parse(folders[0]).root : joined;
}

interface LoadedConfig {
  settings: Partial<EngineSettings>;
  file?: string;
  problems: ConfigProblemAt[];
}

/**
 * The `.obsconf.yaml` to use: `--config`, else the one in the common folder of
 * the paths, else the one in the current folder. An explicit file that cannot
 * be read is a usage error; problems inside a config are reported, never fatal.
 */
export async function loadConfig(options: CheckOptions, cwd: string, roots: string[]): Promise<LoadedConfig | { error: string }> {
  if (options.noConfig) return { settings: {}, problems: [] };
  let file: string | undefined;
  let text: string | undefined;
  if (options.config !== undefined) {
    file = path.resolve(cwd, options.config);
    const stat = await fs.stat(file).catch(() => undefined);
    text = stat?.isFile() ? await readText(file) : undefined;
    if (text === undefined) return { error: `cannot read config file ${options.config}` };
  } else {
    for (const folder of new Set([roots.length ? commonRoot(roots) : cwd, cwd])) {
      const candidate = path.join(folder, CONFIG_FILE_NAME);
      const stat = await fs.stat(candidate).catch(() => undefined);
      if (!stat?.isFile()) continue;
      text = await readText(candidate);
      if (text !== undefined) {
        file = candidate;
        break;
      }
    }
    if (file === undefined || text === undefined) return { settings: {}, problems: [] };
  }
  const { settings, problems } = parseConfig(text);
  const at = { file: relativePath(cwd, file), absolute: file };
  return { settings, file, problems: problems.map((problem) => ({ ...at, message: problem.message })) };
}

/** Reading files one at a time leaves the CPU idle while each waits for the disk. */
const READ_CONCURRENCY = 32;

async function mapConcurrently<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await map(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** `obsconf check`: everything but writing to the terminal, so that it can be tested in-process. */
export async function runCheck(options: CheckOptions, cwd: string, toolVersion: string): Promise<CheckOutcome> {
  let stderr = '';
  const usageError = (message: string): CheckOutcome => ({ exitCode: EXIT_USAGE, stdout: '', stderr: `${stderr}obsconf: ${message}\n` });

  const roots: string[] = [];
  const folders: string[] = [];
  for (const given of options.paths) {
    const absolute = path.resolve(cwd, given);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) return usageError(`no such file or folder: ${given}`);
    roots.push(absolute);
    folders.push(stat.isDirectory() ? absolute : path.dirname(absolute));
  }

  const config = await loadConfig(options, cwd, folders);
  if ('error' in config) return usageError(config.error);
  for (const problem of config.problems) stderr += `obsconf: ${problem.file}: ${problem.message}\n`;
  const settings = mergeSettings(DEFAULT_SETTINGS, config.settings);

  const files = new Set<string>();
  for (const root of roots) {
    for (const file of await discoverFiles(root, { extensions: DISCOVERED_EXTENSIONS })) if (isIndexedPath(file)) files.add(file);
  }
  const linter = new Linter(ALL_RULES, settings);
  let fileCount = 0;
  const sorted = [...files].sort();
  const texts = await mapConcurrently(sorted, READ_CONCURRENCY, readText);
  for (const [i, file] of sorted.entries()) {
    const text = texts[i];
    if (text === undefined) {
      stderr += `obsconf: cannot read ${relativePath(cwd, file)}; skipped\n`;
      continue;
    }
    linter.setFile(pathToFileURL(file).toString(), text, 'disk');
    fileCount++;
  }
  linter.run();

  const findingsByUri = new Map<string, Finding[]>();
  for (const uri of linter.knownUris()) {
    const findings = linter.findingsFor(uri);
    if (findings.length) findingsByUri.set(uri, findings);
  }
  const report = buildReport(findingsByUri, { cwd, toolVersion, fileCount, rules: ALL_RULES, configProblems: config.problems });
  const stdout = REPORTERS[options.format](report);

  let exitCode: 0 | 1 = report.counts.error > 0 ? EXIT_FINDINGS : EXIT_OK;
  if (options.format === 'text') {
    const using = config.file ? ` (config ${relativePath(cwd, config.file)})` : '';
    stderr += `obsconf: ${fileCount} ${fileCount === 1 ? 'file' : 'files'} checked${using}: ${describeCounts(report.counts)}\n`;
  }
  if (options.maxWarnings !== undefined && report.counts.warning > options.maxWarnings) {
    stderr += `obsconf: too many warnings (${report.counts.warning}, --max-warnings ${options.maxWarnings})\n`;
    exitCode = EXIT_FINDINGS;
  }
  return { exitCode, stdout, stderr };
}
