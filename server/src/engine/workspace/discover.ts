import { promises as fs } from 'fs';
import * as path from 'path';

/** Folders never worth reading. */
export const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn', '__pycache__', '.venv', '.tox']);

export const YAML_EXTENSIONS = ['.yaml', '.yml'];
/**
 * What the workspace index reads: YAML manifests and configs, Python sources
 * (gunicorn, Django, collectors), and the files whose commands start gunicorn
 * (Dockerfiles, Procfiles; matched by the end of the name).
 */
export const INDEXED_EXTENSIONS = [...YAML_EXTENSIONS, '.py', 'Dockerfile', '.dockerfile', 'Containerfile', 'Procfile'];

/** Django fixtures (`<app>/fixtures/*.json`) give collectors their sample rows. */
export function isFixtureJsonPath(pathOrUri: string): boolean {
  return /(^|[/\\])fixtures[/\\][^/\\]+\.json$/i.test(pathOrUri);
}

/** Whether the workspace index reads this file (the server's scan and watchers, and the CLI, alike). */
export function isIndexedPath(pathOrUri: string): boolean {
  return INDEXED_EXTENSIONS.some((ext) => pathOrUri.endsWith(ext)) || isFixtureJsonPath(pathOrUri);
}

/** Extensions to discover before filtering with isIndexedPath. */
export const DISCOVERED_EXTENSIONS = [...INDEXED_EXTENSIONS, '.json'];

/**
 * Turns a VS Code `files.exclude`-style glob into a RegExp over a path relative
 * to the workspace root, with `/` separators. Supports `**`, `*`, `?` and `{a,b}`.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close === -1) out += '\\{';
      else {
        out += '(?:' + glob.slice(i + 1, close).split(',').map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|') + ')';
        i = close;
      }
    } else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})(?:/.*)?$`);
}

export interface DiscoverOptions {
  /** Globs relative to the root, as in `files.exclude`. */
  exclude?: string[];
  extensions?: string[];
  /** Stops after this many files (a guard against scanning a whole disk). */
  maxFiles?: number;
}

/** Lists the files under `root` with the given extensions, skipping VCS and dependency folders and excluded globs. */
export async function discoverFiles(root: string, options: DiscoverOptions = {}): Promise<string[]> {
  const extensions = options.extensions ?? YAML_EXTENSIONS;
  const excludes = (options.exclude ?? []).map(globToRegExp);
  const maxFiles = options.maxFiles ?? 50_000;
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: import('fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (found.length >= maxFiles) return;
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (excludes.some((re) => re.test(relative))) continue;
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name)) await walk(full);
      } else if (entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext))) {
        found.push(full);
      }
    }
  };
  const stat = await fs.stat(root).catch(() => undefined);
  if (stat?.isFile()) return [root];
  await walk(root);
  return found.sort();
}

/** Reads a file as UTF-8 text; undefined when it cannot be read (deleted, a folder, no permission). */
export async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
