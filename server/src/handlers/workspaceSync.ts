import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Connection } from 'vscode-languageserver/node';
import { FileChangeType } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME, parseConfig, readSeverities } from '../engine/config';
import type { Linter } from '../engine/linter';
import { DEFAULT_SETTINGS, EngineSettings, mergeSettings } from '../engine/settings';
import { uriToPath } from '../engine/workspace/fileNames';
import { ALWAYS_SKIPPED, DISCOVERED_EXTENSIONS, discoverFiles, globToRegExp, isIndexedPath, readText } from '../engine/workspace/discover';
import type { ObsconfClientSettings } from '../protocol';

/** Files read at once during the workspace scan. */
const SCAN_BATCH = 16;


export function pathToUri(file: string): string {
  return pathToFileURL(file).toString();
}

/** YAML, Python, and Django fixtures in JSON (sample rows for the collector preview). */
const isIndexed = isIndexedPath;

/**
 * Keeps the linter's index in step with the workspace on disk: the initial
 * scan, file-system events, settings from the client and `.obsconf.yaml`.
 */
export class WorkspaceSync {
  roots: string[] = [];
  private clientSettings: ObsconfClientSettings = {};
  private fileExclude: string[] = [];
  private configFileSettings: Partial<EngineSettings> = {};
  scanned = false;

  constructor(
    private readonly connection: Connection,
    private readonly linter: Linter,
    private readonly isOpen: (uri: string) => boolean,
    private readonly onChange: () => void,
  ) {}

  async scan(): Promise<void> {
    await this.loadConfigFiles();
    this.applySettings();
    for (const root of this.roots) {
      const files = (await discoverFiles(root, { exclude: this.fileExclude, extensions: DISCOVERED_EXTENSIONS })).filter(isIndexed);
      // A few reads in flight at a time: one by one, a large workspace waits on the disk per file.
      for (let start = 0; start < files.length; start += SCAN_BATCH) {
        const batch = files.slice(start, start + SCAN_BATCH);
        const texts = await Promise.all(batch.map((file) => (this.isOpen(pathToUri(file)) ? undefined : readText(file))));
        batch.forEach((file, i) => {
          const uri = pathToUri(file);
          // An editor may have opened the file while it was read: its text wins.
          if (texts[i] !== undefined && !this.isOpen(uri)) this.linter.setFile(uri, texts[i]!, 'disk');
        });
        this.onChange();
      }
    }
    this.scanned = true;
    this.onChange();
  }

  async pullClientSettings(supportsConfiguration: boolean): Promise<void> {
    if (!supportsConfiguration) return;
    try {
      const [obsconf, files] = await this.connection.workspace.getConfiguration([{ section: 'obsconf' }, { section: 'files' }]);
      this.clientSettings = (obsconf ?? {}) as ObsconfClientSettings;
      const exclude = (files as { exclude?: Record<string, boolean> } | null)?.exclude ?? {};
      this.fileExclude = Object.entries(exclude)
        .filter(([, on]) => on === true)
        .map(([glob]) => glob);
    } catch (error) {
      this.connection.console.warn(`obsconf: could not read settings: ${(error as Error).message}`);
    }
  }

  private async loadConfigFiles(): Promise<void> {
    let merged: Partial<EngineSettings> = {};
    for (const root of this.roots) {
      const text = await readText(path.join(root, CONFIG_FILE_NAME));
      if (text === undefined) continue;
      const { settings, problems } = parseConfig(text);
      for (const problem of problems) this.connection.console.warn(`obsconf: ${problem.message}`);
      merged = { ...merged, ...settings, rules: { ...(merged.rules ?? {}), ...(settings.rules ?? {}) } };
    }
    this.configFileSettings = merged;
  }

  /** Defaults, then `.obsconf.yaml`, then VS Code settings. */
  applySettings(): void {
    const problems: { message: string }[] = [];
    const client = this.clientSettings;
    const fromClient: Partial<EngineSettings> = {};
    if (client.rules && Object.keys(client.rules).length) fromClient.rules = readSeverities(client.rules, problems, 'setting obsconf.rules');
    if (client.wiring?.portNamePattern?.includes('{i}')) fromClient.wiring = { portNamePattern: client.wiring.portNamePattern };
    if (typeof client.maxFileSizeMB === 'number' && client.maxFileSizeMB > 0) fromClient.maxFileBytes = client.maxFileSizeMB * 1024 * 1024;
    if (typeof client.prometheus?.version === 'string' && client.prometheus.version.trim()) fromClient.prometheus = { version: client.prometheus.version.trim() };
    const scheme = client.collectors?.nameValidationScheme;
    if (scheme === 'legacy' || scheme === 'utf8') fromClient.collectors = { nameValidationScheme: scheme };
    for (const problem of problems) this.connection.console.warn(`obsconf: ${problem.message}`);
    this.linter.configure(mergeSettings(mergeSettings(DEFAULT_SETTINGS, this.configFileSettings), fromClient));
  }

  async settingsChanged(supportsConfiguration: boolean): Promise<void> {
    await this.pullClientSettings(supportsConfiguration);
    this.applySettings();
    this.onChange();
  }

  async watchedFilesChanged(changes: { uri: string; type: number }[]): Promise<void> {
    let configChanged = false;
    const deletedFolders = new Set<string>();
    // Two watchers match a created or deleted indexed file (its own glob and **/*): read it once.
    const seen = new Set<string>();
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (!file || seen.has(`${change.type}:${change.uri}`)) continue;
      seen.add(`${change.type}:${change.uri}`);
      if (path.basename(file) === CONFIG_FILE_NAME) {
        configChanged = true;
        continue;
      }
      if (change.type === FileChangeType.Deleted && !isIndexed(file)) {
        // Possibly a folder (reported once, for the folder): handled below in one pass over the index.
        deletedFolders.add(change.uri.replace(/\/$/, ''));
        continue;
      }
      if (change.type === FileChangeType.Created && !isIndexed(file)) {
        await this.indexCreatedFolder(file);
        continue;
      }
      if (!isIndexed(file) || this.isOpen(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) this.linter.removeFile(change.uri);
      else {
        const text = await readText(file);
        if (text === undefined) this.linter.removeFile(change.uri);
        else this.linter.setFile(change.uri, text, 'disk');
      }
    }
    this.removeFilesBelow(deletedFolders);
    if (configChanged) {
      await this.loadConfigFiles();
      this.applySettings();
    }
    this.onChange();
  }

  /**
   * A folder created in one go (copied, unpacked, checked out): the file watcher may report the
   * folder and miss the files written into it before it was watched, so they are read here. Files
   * the index already holds came with their own events; skipped and excluded folders stay unread.
   */
  private async indexCreatedFolder(dir: string): Promise<void> {
    const root = this.roots.find((r) => !path.relative(r, dir).startsWith('..'));
    if (!root) return;
    const excludes = this.fileExclude.map(globToRegExp);
    const relativeOf = (p: string) => path.relative(root, p).split(path.sep).join('/');
    if (relativeOf(dir).split('/').some((segment) => ALWAYS_SKIPPED.has(segment))) return;
    for (const found of await discoverFiles(dir, { extensions: DISCOVERED_EXTENSIONS })) {
      const uri = pathToUri(found);
      if (!isIndexed(found) || this.linter.index.files.has(uri) || this.isOpen(uri)) continue;
      if (excludes.some((re) => re.test(relativeOf(found)))) continue;
      const text = await readText(found);
      if (text !== undefined) this.linter.setFile(uri, text, 'disk');
    }
  }

  /**
   * Every indexed file inside a deleted folder goes. One pass over the index,
   * looking each file's ancestor folders up in the set: `rm -rf` of a large tree
   * reports thousands of deletions at once, and a scan of the index per deletion
   * would be quadratic.
   */
  private removeFilesBelow(folders: Set<string>): void {
    if (folders.size === 0) return;
    for (const uri of [...this.linter.index.files.keys()]) {
      if (this.isOpen(uri)) continue;
      for (let cut = uri.lastIndexOf('/'); cut > 0; cut = uri.lastIndexOf('/', cut - 1)) {
        if (folders.has(uri.slice(0, cut))) {
          this.linter.removeFile(uri);
          break;
        }
      }
    }
  }

  /** An editor closed: the file on disk counts again, or the file goes if it is not in the workspace. */
  async editorClosed(uri: string): Promise<void> {
    this.linter.index.releaseEditor(uri);
    const file = uriToPath(uri);
    const inWorkspace = file !== undefined && this.roots.some((root) => !path.relative(root, file).startsWith('..'));
    const text = file && inWorkspace ? await readText(file) : undefined;
    if (text === undefined) this.linter.removeFile(uri);
    else this.linter.setFile(uri, text, 'disk');
    this.onChange();
  }
}
