import type { YAMLMap } from 'yaml';
import type { Located, Span } from '../../documents/yamlAccess';
import { findPair, getMap, getNode, getSeq, asMap, asScalar, spanOf } from '../../documents/yamlAccess';
import type { YamlDoc } from '../../documents/yamlFile';
import { listenPort } from '../../compose/address';
import { CommandLine, findFlags, Flag, lastFlag, readCommandLine } from '../../compose/commandLine';
import { appendWordEdit, DocEdit, insertListEdit, removeWordEdit } from '../../compose/edits';
import { ComposeService, composeFileOf } from '../../compose/model';
import { DEFAULT_WEB_PORT, invocation, Invocation, isReloaderImage, Program, programOfBinary, programOfImage } from '../../compose/roles';
import { StackNames, webPort } from '../../compose/stack';
import type { Workload } from '../../model/kubernetes';

/** A Prometheus or Alertmanager process, in a compose service or a Kubernetes container. */
export interface ServerProcess {
  kind: 'compose' | 'kubernetes';
  doc: YamlDoc;
  /** Service or container name. */
  name: string;
  /** Where the process is named (service key, container name, else image). */
  anchor: Span;
  program: Program;
  run: Invocation;
  flags: Flag[];
  /** Every word of its command lines, for a flag hidden behind a shell. */
  words: Located<string>[];
  /** The line that holds its flags (compose `command`, Kubernetes `args`), and the one before the program (`entrypoint` / `command`). */
  argsLine: CommandLine;
  programLine: CommandLine;
  /** Where a missing `command`/`args` key would go. */
  node: YAMLMap;
  argsKey: 'command' | 'args';
  /** Where the flags are written (the command pair), when they are. */
  flagsAt?: Span;
  webPort?: number;
  /** Names it answers to (compose service name and aliases). */
  hostNames: string[];
}

/** Something that calls a `/-/reload` endpoint: a reload sidecar image or a `/-/reload` URL in a command or environment. */
export interface Reloader {
  name: string;
  evidence: Located<string>;
  /** The processes it reloads, when the URL or its environment tells; undefined when it cannot be told. */
  targets?: ServerProcess[];
}

export interface ReloadSetup {
  doc: YamlDoc;
  servers: ServerProcess[];
  reloaders: Reloader[];
}

function keySpanOf(map: YAMLMap, key: string): Span | undefined {
  return spanOf(findPair(map, key)?.key as never);
}

const RELOAD_URL = /(?:https?:\/\/)?(\[[^\]]+\]|[A-Za-z0-9_.-]+)?(?::(\d+))?(?:\/[^\s'"]*)?\/-\/reload\b/;

function composeProcess(service: ComposeService): ServerProcess | undefined {
  const program = service.run.program;
  if (!program) return undefined;
  const words = [...service.entrypoint.args, ...service.command.args].map((a) => ({ value: a.value, span: a.span }));
  return {
    kind: 'compose',
    doc: service.doc,
    name: service.name,
    anchor: service.nameSpan,
    program,
    run: service.run,
    flags: service.flags,
    words,
    argsLine: service.command,
    programLine: service.entrypoint,
    node: service.node,
    argsKey: 'command',
    flagsAt: keySpanOf(service.node, 'command'),
    webPort: webPort(service),
    hostNames: [service.name, ...service.networks.flatMap((n) => n.aliases.map((a) => a.value))],
  };
}

const cache = new WeakMap<YamlDoc, ReloadSetup | null>();

/** The reload wiring of a compose file or of a Kubernetes workload's pod (cached per parsed document); undefined when the document has neither. */
export function reloadSetupOf(doc: YamlDoc): ReloadSetup | undefined {
  const cached = cache.get(doc);
  if (cached !== undefined) return cached ?? undefined;
  const setup = computeSetup(doc);
  cache.set(doc, setup ?? null);
  return setup;
}

function computeSetup(doc: YamlDoc): ReloadSetup | undefined {
  const file = composeFileOf(doc);
  if (file) return composeSetup(doc, file.services);
  const workload = (doc.objects as { category?: string }[]).find((o) => o.category === 'workload') as Workload | undefined;
  if (workload) return podSetup(doc, workload);
  return undefined;
}

function composeSetup(doc: YamlDoc, services: ComposeService[]): ReloadSetup | undefined {
  const servers: ServerProcess[] = [];
  const byService = new Map<ComposeService, ServerProcess>();
  for (const service of services) {
    const process = composeProcess(service);
    if (process) {
      servers.push(process);
      byService.set(service, process);
    }
  }
  if (servers.length === 0) return undefined;
  const names = new StackNames([{ services }]);
  const reloaders: Reloader[] = [];
  for (const service of services) {
    if (byService.has(service)) continue;
    const evidence = reloadEvidence(service.image, service.strings);
    if (!evidence) continue;
    let targets: ServerProcess[] | undefined;
    const resolveHost = (host: string) => {
      const found = names.resolve(host)?.services.map((s) => byService.get(s)).filter((p): p is ServerProcess => p !== undefined);
      return found && found.length ? found : undefined;
    };
    const url = RELOAD_URL.exec(evidence.value);
    if (url?.[1] && !isLocal(url[1])) targets = resolveHost(url[1]);
    if (!targets && url?.[2]) targets = byPort(servers, Number(url[2]));
    if (!targets) {
      // The seed's layout: the host and the path sit in separate environment variables.
      for (const env of service.environment) {
        const found = env.value ? resolveHost(env.value.trim()) : undefined;
        if (found) {
          targets = found;
          break;
        }
      }
    }
    reloaders.push({ name: service.name, evidence, targets });
  }
  return { doc, servers, reloaders };
}

/** Whether a container may run Prometheus or Alertmanager: its image, or the first word of its command, says so. */
function mayRunServer(doc: YamlDoc, container: Workload['containers'][number]): boolean {
  const image = asScalar(doc.parsed, findPair(container.node, 'image')?.value)?.value;
  if (typeof image === 'string' && programOfImage(image)) return true;
  const first = container.command[0]?.value ?? container.args[0]?.value;
  return first !== undefined && programOfBinary(first) !== undefined;
}

function podSetup(doc: YamlDoc, workload: Workload): ReloadSetup | undefined {
  // Most pods run neither: answer them without reading every command line and environment.
  if (!workload.containers.some((c) => mayRunServer(doc, c))) return undefined;
  const servers: ServerProcess[] = [];
  const others: { name: string; image?: string; strings: Located<string>[] }[] = [];
  const parsed = doc.parsed;
  for (const container of workload.containers) {
    const image = asScalar(parsed, findPair(container.node, 'image')?.value);
    const imageValue = typeof image?.value === 'string' ? image.value : undefined;
    const programLine = readCommandLine(parsed, doc.text, findPair(container.node, 'command')?.value);
    const argsLine = readCommandLine(parsed, doc.text, findPair(container.node, 'args')?.value);
    const run = invocation(imageValue, programLine.form === 'none' ? undefined : programLine.args, argsLine.form === 'none' ? undefined : argsLine.args);
    const words = [...programLine.args, ...argsLine.args].map((a) => ({ value: a.value, span: a.span }));
    const name = container.name?.value ?? imageValue ?? 'container';
    if (run.program) {
      const flags = run.args ? findFlags(run.args) : [];
      const web = lastFlag(flags, 'web.listen-address');
      servers.push({
        kind: 'kubernetes',
        doc,
        name,
        anchor: container.name?.span ?? spanOf(image) ?? container.span,
        program: run.program,
        run,
        flags,
        words,
        argsLine,
        programLine,
        node: container.node,
        argsKey: 'args',
        flagsAt: keySpanOf(container.node, run.argsFrom === 'entrypoint' ? 'command' : 'args'),
        webPort: web?.value !== undefined ? listenPort(web.value) : DEFAULT_WEB_PORT[run.program],
        hostNames: [],
      });
      continue;
    }
    const strings = [...words];
    for (const env of getSeq(parsed, container.node, 'env')?.items ?? []) {
      const value = asScalar(parsed, getNode(parsed, asMap(parsed, env), 'value'));
      const span = spanOf(value);
      if (value && span && typeof value.value === 'string') strings.push({ value: value.value, span });
    }
    for (const hook of ['postStart', 'preStop']) {
      const exec = getMap(parsed, getMap(parsed, getMap(parsed, container.node, 'lifecycle'), hook), 'exec');
      strings.push(...readCommandLine(parsed, doc.text, findPair(exec, 'command')?.value).args.map((a) => ({ value: a.value, span: a.span })));
    }
    others.push({ name, image: imageValue, strings: imageValue && image && spanOf(image) ? [...strings, { value: imageValue, span: spanOf(image)! }] : strings });
  }
  if (servers.length === 0) return undefined;
  const reloaders: Reloader[] = [];
  for (const other of others) {
    const evidence = reloadEvidence(other.image, other.strings);
    if (!evidence) continue;
    const url = RELOAD_URL.exec(evidence.value);
    // Containers of a pod share its network: localhost and the port tell the target.
    const targets = url?.[2] ? byPort(servers, Number(url[2])) : undefined;
    reloaders.push({ name: other.name, evidence, targets });
  }
  return { doc, servers, reloaders };
}

function reloadEvidence(image: Located<string> | string | undefined, strings: Located<string>[]): Located<string> | undefined {
  const withPath = strings.find((s) => s.value.includes('/-/reload'));
  if (withPath) return withPath;
  const imageValue = typeof image === 'string' ? image : image?.value;
  if (isReloaderImage(imageValue)) {
    if (typeof image === 'object') return image;
    return strings.find((s) => s.value === imageValue);
  }
  return undefined;
}

function isLocal(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '0.0.0.0';
}

function byPort(servers: ServerProcess[], port: number): ServerProcess[] | undefined {
  const found = servers.filter((s) => s.webPort === port);
  return found.length ? found : undefined;
}

/** Whether the process runs with `--web.enable-lifecycle` (as the last word on it, kingpin's `--no-…` switching it off). */
export function hasLifecycleFlag(process: ServerProcess): boolean {
  const last = [...process.flags].reverse().find((f) => f.name === 'web.enable-lifecycle' || f.name === 'no-web.enable-lifecycle');
  if (last) return last.name === 'web.enable-lifecycle' && (last.value === undefined || last.value === 'true');
  if (!process.run.args) return process.words.some((w) => /--web\.enable-lifecycle\b/.test(w.value));
  return false;
}

/**
 * The flags of prom/prometheus' default CMD that a command override must repeat (2.x images also set
 * console template paths, dropped here: 3.x no longer ships them).
 */
export const PROMETHEUS_IMAGE_DEFAULT_FLAGS = ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus'];

/** The edit that adds a flag to a process's command line, and whether it is safe (keeps everything else as is). */
export function addFlagEdit(process: ServerProcess, flag: string): { edit: DocEdit; safe: boolean; title: string } | undefined {
  const line = process.run.argsFrom === 'entrypoint' ? process.programLine : process.argsLine;
  if (process.run.argsFrom !== 'image-default') {
    if (!process.run.args) return undefined;
    const edit = appendWordEdit(process.doc, line, flag);
    return edit ? { edit, safe: true, title: `Add ${flag}` } : undefined;
  }
  if (process.program !== 'prometheus') return undefined;
  const edit = insertListEdit(process.doc, process.node, 'image', process.argsKey, [...PROMETHEUS_IMAGE_DEFAULT_FLAGS, flag]);
  return edit
    ? { edit, safe: false, title: `Add ${process.argsKey}: ${PROMETHEUS_IMAGE_DEFAULT_FLAGS.join(' ')} ${flag} (replaces the image's default command)` }
    : undefined;
}

/** The edit that removes a flag word from a process's command line. */
export function removeFlagEdit(process: ServerProcess, flag: Flag): DocEdit | undefined {
  const arg = process.run.args?.[flag.index];
  if (!arg) return undefined;
  for (const line of [process.argsLine, process.programLine]) {
    const index = line.args.indexOf(arg);
    if (index !== -1) return removeWordEdit(process.doc, line, index);
  }
  return undefined;
}
