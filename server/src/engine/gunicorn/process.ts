import { LineIndex, Range } from '../documents/lineIndex';
import type { Located } from '../documents/yamlAccess';
import type { Container } from '../model/kubernetes';
import type { EnvLookup } from '../python/dictEval';
import { cachedForText, pythonSource } from '../python/source';
import type { WorkspaceQueries } from '../rules/types';
import type { IndexedFile } from '../workspace/index';
import { exactFileName } from '../workspace/fileNames';
import { findGunicorn, GunicornFlag, GunicornInvocation, isVariableReference, listWords, readFlags, shellWords, Word } from './commandLine';
import { GunicornConfig, workersFrom } from './config';
import { DockerImage, isDockerfileName, parseDockerfile } from './dockerfile';
import { isProcfileName, parseProcfile, ProcfileProcess } from './procfile';

/**
 * The gunicorn process a Kubernetes container runs, put together from what
 * the workspace holds: the container's command/args and environment, else
 * the image's Dockerfile (ENTRYPOINT/CMD/ENV/WORKDIR), else a Procfile's `web`
 * process (buildpack images run it); the gunicorn config file it loads (its
 * `-c/--config`, else `gunicorn.conf.py` in the working directory); and from
 * all that, the effective worker count with gunicorn's precedence: command
 * line > GUNICORN_CMD_ARGS > config file > WEB_CONCURRENCY.
 *
 * Files are matched by name, since container paths are not workspace paths;
 * every choice carries a sentence saying which file was taken and why.
 */

export const DOCKERFILE_NAME = /^(?:Dockerfile|Containerfile)(?:[.-][\w.-]+)?$|\.(?:dockerfile|Dockerfile)$/;
export const PROCFILE_NAME = /^Procfile(?:\.[\w.-]+)?$/;
export const DEFAULT_CONFIG_NAME = 'gunicorn.conf.py';

/** A place in another file of the workspace. */
export interface FileSpot {
  uri: string;
  range: Range;
}

export interface TakenFile {
  file: IndexedFile;
  /** "the only Dockerfile in the workspace", "-c gunicorn/prod.py in the container args", … */
  why: string;
  /** The file's path relative to the manifest, for messages. */
  label: string;
}

export interface WorkersSource {
  count?: number;
  /** For messages: `workers = 4 in ../gunicorn.conf.py (the gunicorn config …)`. */
  source: string;
  at?: FileSpot;
  kind: 'dockerfile' | 'procfile' | 'config' | 'dockerfile-env';
  /** The expression could not be evaluated (e.g. `multiprocessing.cpu_count() * 2 + 1`). */
  unknown?: boolean;
}

export interface GunicornProcess {
  dockerfile?: TakenFile & { image: DockerImage };
  procfile?: TakenFile & { process: ProcfileProcess };
  /** Where the command line that starts the process comes from. */
  commandFrom: 'kubernetes' | 'dockerfile' | 'procfile' | 'unknown';
  /** gunicorn's invocation in a Dockerfile/Procfile command (words located in that file). */
  fileInvocation?: GunicornInvocation;
  /** gunicorn's invocation in the container's command/args (words located in the manifest document). */
  containerInvocation?: GunicornInvocation;
  /** The flags of GUNICORN_CMD_ARGS (container env, else Dockerfile ENV). */
  envArgs?: ReturnType<typeof readFlags>;
  config?: TakenFile & { config: GunicornConfig };
  /** Why no config file was taken, when none was. */
  configNote?: string;
  /** The environment gunicorn and the app see: the container's, over the Dockerfile's ENV. */
  env: EnvLookup;
  /** A worker count set below the command line: the config file's `workers`, or WEB_CONCURRENCY from the Dockerfile. */
  workers?: WorkersSource;
  /** A `--workers` in the Dockerfile/Procfile command (which the container does not replace). */
  commandWorkers?: WorkersSource;
  /** `--preload` on a command line, or `preload_app` in the config. */
  preload?: { at: FileSpot | { docSpan: { start: number; end: number } }; source: string };
}

function base(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

function dirSegments(uri: string): string[] {
  const path = uri.replace(/^[a-z]+:\/\/[^/]*/, '');
  const parts = path.split('/').filter(Boolean);
  parts.pop();
  return parts;
}

/** A file's path for messages: relative to the deepest folder it shares with `from` (`proj/settings.py`, `gunicorn.conf.py`). */
export function relativeLabel(fromUri: string, toUri: string): string {
  const a = dirSegments(fromUri);
  const b = dirSegments(toUri);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...b.slice(i), base(toUri)].join('/');
}

function commonPrefix(a: string[], b: string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** How many trailing path segments two paths share (`/app/conf/g.py` and `repo/conf/g.py`: 2). */
function commonSuffix(a: string[], b: string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

/**
 * Picks one file among candidates: the best score wins; a tie between the
 * best leaves the choice open (nothing is taken).
 */
function pick<T extends IndexedFile>(candidates: T[], score: (f: T) => number): { file?: T; tie: number } {
  if (candidates.length === 0) return { tie: 0 };
  const scored = candidates.map((f) => ({ f, s: score(f) })).sort((a, b) => b.s - a.s);
  if (scored.length > 1 && scored[0].s === scored[1].s) return { tie: scored.filter((x) => x.s === scored[0].s).length };
  return { file: scored[0].f, tie: 1 };
}

/** An LSP range in a file of the workspace for offsets into its text. */
export function fileRange(file: { uri: string; text: string }, from: number, to: number): Range {
  const lines = cachedForText(file, 'line-index', () => new LineIndex(file.text));
  return { start: lines.positionAt(from), end: lines.positionAt(to) };
}

export function spot(file: IndexedFile, from: number, to: number): FileSpot {
  return { uri: file.uri, range: fileRange(file, from, to) };
}

function dockerImageOf(file: IndexedFile): DockerImage {
  return cachedForText(file, 'docker-image', () => parseDockerfile(file.text));
}

function procfileOf(file: IndexedFile): ProcfileProcess[] {
  return cachedForText(file, 'procfile', () => parseProcfile(file.text));
}

/** The words of a container's command or args, located in the manifest document (`sh -c` scripts split). */
export function containerWords(items: Located<string>[], docText: string): Word[] {
  const words = items.map((item) => ({ text: item.value, from: item.span.start, to: item.span.end }));
  return listWords(words, (w) => docText.slice(w.from, w.to));
}

function envValue(container: Container, name: string): string | undefined | null {
  const e = container.env.find((v) => v.name === name);
  if (!e) return undefined;
  if (e.valueFrom) return null;
  const raw = e.value?.value;
  if (raw === undefined || raw === null) return '';
  return typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : null;
}

function flagValue(flag: GunicornFlag | undefined): string | undefined {
  return flag?.value;
}

/** The gunicorn process of a container; undefined when the workspace cannot be asked about files. */
export function gunicornProcess(container: Container, manifestUri: string, docText: string, queries: WorkspaceQueries, imageHint?: string): GunicornProcess | undefined {
  if (!queries.filesNamed) return undefined;
  const manifestDir = dirSegments(manifestUri);
  const near = (f: IndexedFile) => commonPrefix(manifestDir, dirSegments(f.uri));
  const imageName = imageHint?.split('/').pop()?.split(/[:@]/)[0];
  // The image's Dockerfile.
  const dockerfiles = queries.filesNamed(DOCKERFILE_NAME).filter((f) => isDockerfileName(base(f.uri)));
  const dockerPick = pick(dockerfiles, (f) => near(f) * 2 + (imageName && dirSegments(f.uri).includes(imageName) ? 100 : 0) + (base(f.uri) === 'Dockerfile' ? 1 : 0));
  const process: GunicornProcess = { commandFrom: 'unknown', env: () => undefined };
  if (dockerPick.file) {
    const why = dockerfiles.length === 1 ? 'the only Dockerfile in the workspace' : `the Dockerfile nearest to the manifest among ${dockerfiles.length}`;
    process.dockerfile = { file: dockerPick.file, why, label: relativeLabel(manifestUri, dockerPick.file.uri), image: dockerImageOf(dockerPick.file) };
  } else if (dockerfiles.length === 0) {
    // Buildpack images run the Procfile's web process.
    const procfiles = queries.filesNamed(PROCFILE_NAME).filter((f) => isProcfileName(base(f.uri)));
    const procPick = pick(procfiles, near);
    const web = procPick.file ? procfileOf(procPick.file).find((p) => p.name === 'web') : undefined;
    if (procPick.file && web) {
      const why = `${procfiles.length === 1 ? 'the only Procfile in the workspace' : 'the Procfile nearest to the manifest'}, whose web process a buildpack image runs`;
      process.procfile = { file: procPick.file, why, label: relativeLabel(manifestUri, procPick.file.uri), process: web };
    }
  }
  const image = process.dockerfile?.image;
  process.env = (name) => {
    const own = envValue(container, name);
    if (own !== undefined) return own;
    return image?.env.get(name)?.value;
  };

  // The command line: Kubernetes command/args replace the image's ENTRYPOINT/CMD.
  const hasCommand = container.command.length > 0;
  const hasArgs = container.args.length > 0;
  const containerLine = [...containerWords(container.command, docText), ...containerWords(container.args, docText)];
  process.containerInvocation = findGunicorn(containerLine);
  let fileWords: Word[] = [];
  if (image) {
    if (!hasCommand && image.entrypoint) fileWords.push(...image.entrypoint.words);
    if (!hasCommand && !hasArgs && image.cmd) fileWords.push(...image.cmd.words);
    if (fileWords.length) process.commandFrom = hasCommand || hasArgs ? 'kubernetes' : 'dockerfile';
  } else if (process.procfile && !hasCommand && !hasArgs) {
    fileWords = process.procfile.process.words;
    process.commandFrom = 'procfile';
  }
  if (hasCommand || hasArgs) process.commandFrom = process.containerInvocation || !fileWords.length ? 'kubernetes' : process.commandFrom;
  process.fileInvocation = fileWords.length ? findGunicorn(fileWords) : undefined;
  const runsGunicorn = Boolean(process.containerInvocation || process.fileInvocation);
  const commandKnown = hasCommand || hasArgs || fileWords.length > 0;
  const fileLabel = process.dockerfile ? `the ${commandFileWhere(process)} of ${process.dockerfile.label}` : process.procfile ? `the web process of ${process.procfile.label}` : '';

  // GUNICORN_CMD_ARGS.
  const envArgs = process.env('GUNICORN_CMD_ARGS');
  if (typeof envArgs === 'string') process.envArgs = readFlags(shellWords(envArgs));

  // The gunicorn config: -c on the command line, else in GUNICORN_CMD_ARGS, else gunicorn.conf.py in the working directory.
  const workdir = (container.node && typeof (container.node.get('workingDir') as unknown) === 'string' ? (container.node.get('workingDir') as string) : undefined) ?? image?.workdir;
  const configFlag = process.containerInvocation?.config ?? process.fileInvocation?.config;
  const configPath = flagValue(configFlag) ?? flagValue(process.envArgs?.config);
  if (configPath !== undefined) {
    const where = process.containerInvocation?.config ? 'the container command' : process.fileInvocation?.config ? fileLabel : 'GUNICORN_CMD_ARGS';
    const module = configPath.startsWith('python:') ? configPath.slice(7).split('.').join('/') + '.py' : configPath.replace(/^file:/, '');
    const full = module.startsWith('/') || !workdir ? module : `${workdir.replace(/\/$/, '')}/${module}`;
    const segments = full.split('/').filter(Boolean);
    const name = segments.pop()!;
    const candidates = queries.filesNamed(exactFileName(name)).filter((f) => f.kind === 'python' || name.endsWith('.py') === false);
    const chosen = pick(candidates, (f) => commonSuffix(segments, dirSegments(f.uri)) * 100 + near(f));
    if (chosen.file) {
      const why = `the file -c ${configPath} in ${where} names`;
      process.config = { file: chosen.file, why, label: relativeLabel(manifestUri, chosen.file.uri), config: new GunicornConfig(pythonSource(chosen.file), process.env) };
    } else process.configNote = candidates.length ? `-c ${configPath} in ${where} matches ${candidates.length} files; none taken` : `-c ${configPath} in ${where} is not in the workspace`;
  } else if (!commandKnown || runsGunicorn) {
    const candidates = queries.filesNamed(/^gunicorn\.conf\.py$/);
    const home = process.dockerfile ? dirSegments(process.dockerfile.file.uri) : process.procfile ? dirSegments(process.procfile.file.uri) : manifestDir;
    const chosen = pick(candidates, (f) => (sameDir(dirSegments(f.uri), home) ? 1000 : 0) + commonPrefix(home, dirSegments(f.uri)));
    if (chosen.file) {
      const beside = process.dockerfile ? `beside ${process.dockerfile.label}` : process.procfile ? `beside ${process.procfile.label}` : 'nearest to the manifest';
      const why = `which gunicorn reads from its working directory${workdir ? ` ${workdir}` : ''} as no -c/--config is given; taken: the ${candidates.length === 1 ? 'only gunicorn.conf.py in the workspace' : `gunicorn.conf.py ${beside}`}${commandKnown ? '' : ', assuming the container runs gunicorn'}`;
      process.config = { file: chosen.file, why, label: relativeLabel(manifestUri, chosen.file.uri), config: new GunicornConfig(pythonSource(chosen.file), process.env) };
    } else if (candidates.length > 1) process.configNote = `${candidates.length} gunicorn.conf.py files could be the one gunicorn reads; none taken`;
  }

  // Worker counts below the command line.
  const fileWorkers = process.fileInvocation?.workers;
  const fileSource = process.dockerfile?.file ?? process.procfile?.file;
  if (fileWorkers && fileSource && !isVariableReference(fileWorkers.value ?? '', 'WEB_CONCURRENCY')) {
    const parsed = fileWorkers.value !== undefined && /^\d+$/.test(fileWorkers.value) ? Number(fileWorkers.value) : undefined;
    process.commandWorkers = {
      count: parsed,
      unknown: parsed === undefined,
      source: `--workers ${fileWorkers.value ?? ''} in ${fileLabel}, ${(process.dockerfile ?? process.procfile)!.why}`,
      at: spot(fileSource, fileWorkers.from, fileWorkers.to),
      kind: process.dockerfile ? 'dockerfile' : 'procfile',
    };
  }
  const workersSetting = process.config?.config.setting('workers');
  if (process.config && workersSetting) {
    const parsed = workersFrom(workersSetting.value);
    const fromEnvOnly = workersSetting.binding.value && readsOnlyWebConcurrency(process.config.file.text.slice(workersSetting.binding.value.from, workersSetting.binding.value.to));
    process.workers = {
      count: parsed.count,
      unknown: parsed.count === undefined,
      source: `workers = ${shorten(process.config.file.text.slice(workersSetting.binding.value?.from ?? workersSetting.at.from, workersSetting.binding.value?.to ?? workersSetting.at.to))} in ${process.config.label}, ${process.config.why}`,
      at: spot(process.config.file, workersSetting.binding.stmt.from, workersSetting.binding.stmt.to),
      kind: 'config',
    };
    if (fromEnvOnly && parsed.count === undefined) process.workers = undefined;
  } else if (envValue(container, 'WEB_CONCURRENCY') === undefined && image?.env.has('WEB_CONCURRENCY') && process.dockerfile) {
    const e = image.env.get('WEB_CONCURRENCY')!;
    process.workers = {
      count: /^\d+$/.test(e.value) ? Number(e.value) : undefined,
      source: `WEB_CONCURRENCY=${e.value} in the ENV of ${process.dockerfile.label}, ${process.dockerfile.why}`,
      at: spot(process.dockerfile.file, e.from, e.to),
      kind: 'dockerfile-env',
    };
  }
  // --preload / preload_app.
  const preloadFlag = process.containerInvocation?.preload;
  if (preloadFlag) process.preload = { at: { docSpan: { start: preloadFlag.from, end: preloadFlag.to } }, source: '--preload in the container command' };
  else if (process.fileInvocation?.preload && fileSource) process.preload = { at: spot(fileSource, process.fileInvocation.preload.from, process.fileInvocation.preload.to), source: `--preload in ${fileLabel}` };
  else {
    const preload = process.config?.config.setting('preload_app');
    if (preload && process.config && (preload.value.k === 'bool' ? preload.value.v : preload.value.k === 'str' && preload.value.v.toLowerCase() === 'true')) {
      process.preload = { at: spot(process.config.file, preload.binding.stmt.from, preload.binding.stmt.to), source: `preload_app = True in ${process.config.label}` };
    }
  }
  return process;
}

function commandFileWhere(process: GunicornProcess): string {
  const image = process.dockerfile?.image;
  if (!image) return 'command';
  return process.fileInvocation && image.entrypoint && process.fileInvocation.at.from >= image.entrypoint.from && process.fileInvocation.at.to <= image.entrypoint.to ? 'ENTRYPOINT' : 'CMD';
}

function sameDir(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function shorten(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

/** `int(os.environ.get("WEB_CONCURRENCY", …))` and friends: the setting follows WEB_CONCURRENCY. */
export function readsOnlyWebConcurrency(expression: string): boolean {
  return /\bWEB_CONCURRENCY\b/.test(expression) && /environ|getenv/.test(expression);
}
