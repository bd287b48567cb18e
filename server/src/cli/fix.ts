import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fixAll } from '../engine/fixes/fixAll';
import { mergeSettings, DEFAULT_SETTINGS } from '../engine/settings';
import { discoverFiles, INDEXED_EXTENSIONS, readText } from '../engine/workspace/discover';
import type { CheckOptions } from './args';
import { loadConfig } from './check';

export interface FixOutcome {
  /** Files written. */
  written: string[];
  applied: number;
  stderr: string;
  /** A usage problem (the check reports it again); nothing was written. */
  failed: boolean;
}

/**
 * `obsconf check --fix`: applies the safe fixes (never the unsafe ones) to the
 * files under the paths until none is left, writes the files that changed,
 * and leaves the report of what remains to the check that runs after it.
 * A file is only written when it still holds the text that was fixed.
 */
export async function runFix(options: CheckOptions, cwd: string): Promise<FixOutcome> {
  const outcome: FixOutcome = { written: [], applied: 0, stderr: '', failed: false };
  const roots: string[] = [];
  const folders: string[] = [];
  for (const given of options.paths.length ? options.paths : ['.']) {
    const absolute = path.resolve(cwd, given);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) return { ...outcome, failed: true };
    roots.push(absolute);
    folders.push(stat.isDirectory() ? absolute : path.dirname(absolute));
  }
  const config = await loadConfig(options, cwd, folders);
  if ('error' in config) return { ...outcome, failed: true };
  const settings = mergeSettings(DEFAULT_SETTINGS, config.settings);
  const files = new Set<string>();
  for (const root of roots) for (const file of await discoverFiles(root, { extensions: INDEXED_EXTENSIONS })) files.add(file);
  const inputs: { uri: string; text: string }[] = [];
  for (const file of [...files].sort()) {
    const text = await readText(file);
    if (text !== undefined) inputs.push({ uri: pathToFileURL(file).toString(), text });
  }
  const result = fixAll(inputs, { settings });
  for (const [uri, { before, after }] of result.changed) {
    const file = fileURLToPath(uri);
    // Someone else may have written the file meanwhile: never overwrite their change.
    if ((await readText(file)) !== before) {
      outcome.stderr += `obsconf: ${path.relative(cwd, file)} changed while fixing; not written\n`;
      continue;
    }
    await fs.writeFile(file, after, 'utf8');
    outcome.written.push(file);
  }
  outcome.applied = result.applied.length;
  if (!result.converged) outcome.stderr += 'obsconf: --fix stopped before every fix was applied; run it again\n';
  if (outcome.written.length) {
    outcome.stderr += `obsconf: --fix applied ${outcome.applied} fix${outcome.applied === 1 ? '' : 'es'} in ${outcome.written.length} file${outcome.written.length === 1 ? '' : 's'}\n`;
  }
  return outcome;
}
