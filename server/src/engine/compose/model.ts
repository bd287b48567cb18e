import { isMap, isScalar, isSeq, Pair, YAMLMap } from 'yaml';
import {
  asMap,
  asScalar,
  deref,
  findPair,
  getMap,
  getNode,
  getScalar,
  getSeq,
  getString,
  keyName,
  Located,
  Span,
  spanOf,
} from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import { CommandLine, findFlags, Flag, readCommandLine } from './commandLine';
import { invocation, Invocation } from './roles';

export interface ComposeNetworkAttachment {
  network: Located<string>;
  aliases: Located<string>[];
}

export interface ComposeVolumeMount {
  /** A named volume or a host path; undefined for an anonymous volume. */
  source?: string;
  target?: string;
  /** `volume` for a named volume, `bind` for a host path. */
  type: 'volume' | 'bind' | 'other';
  span: Span;
  sourceSpan?: Span;
}

export interface ComposeEnvVar {
  name: string;
  value?: string;
  span: Span;
}

export interface ComposePort {
  published?: number;
  target?: number;
  span: Span;
}

export interface ComposeService {
  doc: YamlDoc;
  name: string;
  nameSpan: Span;
  node: YAMLMap;
  image?: Located<string>;
  command: CommandLine;
  entrypoint: CommandLine;
  /** `command`'s pair (key and value), when present. */
  commandPairSpan?: Span;
  networks: ComposeNetworkAttachment[];
  deploy: {
    mode?: Located<string>;
    replicas?: Located<number>;
    constraints: Located<string>[];
  };
  volumes: ComposeVolumeMount[];
  environment: ComposeEnvVar[];
  ports: ComposePort[];
  /** What the service runs and its flags. */
  run: Invocation;
  flags: Flag[];
  /** Every string the service carries in command, entrypoint, environment and healthcheck. */
  strings: Located<string>[];
}

export interface ComposeFile {
  doc: YamlDoc;
  root: YAMLMap;
  version?: Located<unknown>;
  services: ComposeService[];
  /** Named volumes declared at the top level. */
  volumeNames: Set<string>;
  volumesDeclared: boolean;
  networkNames: Set<string>;
}

const cache = new WeakMap<YamlDoc, ComposeFile | null>();

/**
 * Whether a document is a compose / stack file: a top-level `services:`
 * mapping whose entries run an image, a build or a command, and no Kubernetes
 * `apiVersion`/`kind`.
 */
export function isComposeDocument(yamlDoc: YamlDoc): boolean {
  return composeFileOf(yamlDoc) !== undefined;
}

/** The compose model of a document (cached per parsed document), or undefined when it is not a compose file. */
export function composeFileOf(yamlDoc: YamlDoc): ComposeFile | undefined {
  const cached = cache.get(yamlDoc);
  if (cached !== undefined) return cached ?? undefined;
  let model: ComposeFile | undefined;
  try {
    model = extractCompose(yamlDoc);
  } catch {
    model = undefined;
  }
  cache.set(yamlDoc, model ?? null);
  return model;
}

function extractCompose(yamlDoc: YamlDoc): ComposeFile | undefined {
  const doc = yamlDoc.parsed;
  const root = asMap(doc, doc.contents);
  if (!root || findPair(root, 'apiVersion') || findPair(root, 'kind')) return undefined;
  const servicesMap = getMap(doc, root, 'services');
  if (!servicesMap || servicesMap.items.length === 0) return undefined;
  const looksLikeService = (pair: Pair) => {
    const body = asMap(doc, pair.value);
    return body !== undefined && ['image', 'build', 'command', 'entrypoint'].some((key) => findPair(body, key) !== undefined);
  };
  if (!servicesMap.items.some((pair) => looksLikeService(pair as Pair))) return undefined;

  const services: ComposeService[] = [];
  for (const pair of servicesMap.items as Pair[]) {
    const name = keyName(pair);
    const body = asMap(doc, pair.value);
    const nameSpan = spanOf(pair.key as never);
    if (name === undefined || !body || !nameSpan) continue;
    services.push(extractService(yamlDoc, name, nameSpan, body));
  }
  const declared = (key: string) => {
    const map = getMap(doc, root, key);
    return new Set(map ? (map.items as Pair[]).map(keyName).filter((n): n is string => n !== undefined) : []);
  };
  return {
    doc: yamlDoc,
    root,
    version: getScalar(doc, root, 'version'),
    services,
    volumeNames: declared('volumes'),
    volumesDeclared: findPair(root, 'volumes') !== undefined,
    networkNames: declared('networks'),
  };
}

function extractService(yamlDoc: YamlDoc, name: string, nameSpan: Span, node: YAMLMap): ComposeService {
  const doc = yamlDoc.parsed;
  const text = yamlDoc.text;
  const image = getString(doc, node, 'image');
  const command = readCommandLine(doc, text, findPair(node, 'command')?.value);
  const entrypoint = readCommandLine(doc, text, findPair(node, 'entrypoint')?.value);
  const run = invocation(image?.value, entrypoint.form === 'none' ? undefined : entrypoint.args, command.form === 'none' ? undefined : command.args);
  const strings: Located<string>[] = [];
  for (const arg of [...command.args, ...entrypoint.args]) strings.push({ value: arg.value, span: arg.span });
  const environment = readEnvironment(yamlDoc, node);
  for (const env of environment) if (env.value !== undefined) strings.push({ value: env.value, span: env.span });
  collectStrings(yamlDoc, getNode(doc, node, 'healthcheck'), strings, 0);
  return {
    doc: yamlDoc,
    name,
    nameSpan,
    node,
    image,
    command,
    entrypoint,
    commandPairSpan: spanOf(findPair(node, 'command')),
    networks: readNetworks(yamlDoc, node),
    deploy: readDeploy(yamlDoc, node),
    volumes: readVolumes(yamlDoc, node),
    environment,
    ports: readPorts(yamlDoc, node),
    run,
    flags: run.args ? findFlags(run.args) : [],
    strings,
  };
}

function readNetworks(yamlDoc: YamlDoc, node: YAMLMap): ComposeNetworkAttachment[] {
  const doc = yamlDoc.parsed;
  const value = getNode(doc, node, 'networks');
  const out: ComposeNetworkAttachment[] = [];
  if (isSeq(value)) {
    for (const item of value.items) {
      const scalar = asScalar(doc, item);
      const span = spanOf(scalar);
      if (scalar && span && typeof scalar.value === 'string') out.push({ network: { value: scalar.value, span }, aliases: [] });
    }
  } else if (isMap(value)) {
    for (const pair of value.items as Pair[]) {
      const network = keyName(pair);
      const span = spanOf(pair.key as never);
      if (network === undefined || !span) continue;
      const aliases: Located<string>[] = [];
      for (const item of getSeq(doc, asMap(doc, pair.value), 'aliases')?.items ?? []) {
        const scalar = asScalar(doc, item);
        const aliasSpan = spanOf(scalar);
        if (scalar && aliasSpan && (typeof scalar.value === 'string' || typeof scalar.value === 'number')) {
          aliases.push({ value: String(scalar.value), span: aliasSpan });
        }
      }
      out.push({ network: { value: network, span }, aliases });
    }
  }
  return out;
}

function readDeploy(yamlDoc: YamlDoc, node: YAMLMap): ComposeService['deploy'] {
  const doc = yamlDoc.parsed;
  const deploy = getMap(doc, node, 'deploy');
  const replicas = getScalar(doc, deploy, 'replicas');
  const constraints: Located<string>[] = [];
  for (const item of getSeq(doc, getMap(doc, deploy, 'placement'), 'constraints')?.items ?? []) {
    const scalar = asScalar(doc, item);
    const span = spanOf(scalar);
    if (scalar && span && typeof scalar.value === 'string') constraints.push({ value: scalar.value, span });
  }
  return {
    mode: getString(doc, deploy, 'mode'),
    replicas: replicas && typeof replicas.value === 'number' ? (replicas as Located<number>) : undefined,
    constraints,
  };
}

function readVolumes(yamlDoc: YamlDoc, node: YAMLMap): ComposeVolumeMount[] {
  const doc = yamlDoc.parsed;
  const out: ComposeVolumeMount[] = [];
  for (const item of getSeq(doc, node, 'volumes')?.items ?? []) {
    const resolved = deref(doc, item);
    const span = spanOf(resolved);
    if (!span) continue;
    if (isScalar(resolved) && typeof resolved.value === 'string') {
      // Short syntax: [SOURCE:]TARGET[:MODE].
      const parts = resolved.value.split(':');
      if (parts.length === 1) {
        out.push({ target: parts[0], type: 'volume', span });
        continue;
      }
      const source = parts[0];
      const isPath = /^[./~]/.test(source) || source.startsWith('$') || /^[A-Za-z]$/.test(source);
      const raw = yamlDoc.text.slice(span.start, span.end);
      const offset = raw.indexOf(source);
      out.push({
        source,
        target: parts[1],
        type: isPath ? 'bind' : 'volume',
        span,
        sourceSpan: offset === -1 ? span : { start: span.start + offset, end: span.start + offset + source.length },
      });
    } else if (isMap(resolved)) {
      const type = getString(doc, resolved, 'type')?.value ?? 'volume';
      const source = getString(doc, resolved, 'source');
      out.push({
        source: source?.value,
        target: getString(doc, resolved, 'target')?.value,
        type: type === 'volume' ? 'volume' : type === 'bind' ? 'bind' : 'other',
        span,
        sourceSpan: source?.span,
      });
    }
  }
  return out;
}

function readEnvironment(yamlDoc: YamlDoc, node: YAMLMap): ComposeEnvVar[] {
  const doc = yamlDoc.parsed;
  const value = getNode(doc, node, 'environment');
  const out: ComposeEnvVar[] = [];
  if (isSeq(value)) {
    for (const item of value.items) {
      const scalar = asScalar(doc, item);
      const span = spanOf(scalar);
      if (!scalar || !span || typeof scalar.value !== 'string') continue;
      const eq = scalar.value.indexOf('=');
      out.push(eq === -1 ? { name: scalar.value, span } : { name: scalar.value.slice(0, eq), value: scalar.value.slice(eq + 1).trim(), span });
    }
  } else if (isMap(value)) {
    for (const pair of value.items as Pair[]) {
      const name = keyName(pair);
      const scalar = asScalar(doc, pair.value);
      const span = spanOf(scalar) ?? spanOf(pair);
      if (name === undefined || !span) continue;
      out.push({ name, value: scalar && scalar.value !== null ? String(scalar.value) : undefined, span });
    }
  }
  return out;
}

function readPorts(yamlDoc: YamlDoc, node: YAMLMap): ComposePort[] {
  const doc = yamlDoc.parsed;
  const out: ComposePort[] = [];
  for (const item of getSeq(doc, node, 'ports')?.items ?? []) {
    const resolved = deref(doc, item);
    const span = spanOf(resolved);
    if (!span) continue;
    if (isScalar(resolved) && (typeof resolved.value === 'string' || typeof resolved.value === 'number')) {
      // [HOST:]PUBLISHED:TARGET[/PROTOCOL] or TARGET.
      const text = String(resolved.value).replace(/\/\w+$/, '');
      const parts = text.split(':');
      const target = Number(parts[parts.length - 1]);
      const published = parts.length >= 2 ? Number(parts[parts.length - 2]) : undefined;
      out.push({
        target: Number.isInteger(target) ? target : undefined,
        published: published !== undefined && Number.isInteger(published) ? published : undefined,
        span,
      });
    } else if (isMap(resolved)) {
      const target = getScalar(doc, resolved, 'target')?.value;
      const published = getScalar(doc, resolved, 'published')?.value;
      out.push({
        target: typeof target === 'number' ? target : Number.isInteger(Number(target)) ? Number(target) : undefined,
        published: typeof published === 'number' ? published : published !== undefined && Number.isInteger(Number(published)) ? Number(published) : undefined,
        span,
      });
    }
  }
  return out;
}

function collectStrings(yamlDoc: YamlDoc, node: unknown, out: Located<string>[], depth: number): void {
  if (depth > 6 || !node) return;
  const doc = yamlDoc.parsed;
  const resolved = deref(doc, node);
  if (isScalar(resolved)) {
    const span = spanOf(resolved);
    if (span && typeof resolved.value === 'string') out.push({ value: resolved.value, span });
  } else if (isSeq(resolved)) {
    for (const item of resolved.items) collectStrings(yamlDoc, item, out, depth + 1);
  } else if (isMap(resolved)) {
    for (const pair of resolved.items as Pair[]) collectStrings(yamlDoc, pair.value, out, depth + 1);
  }
}

/** Every name a service answers to on its networks: its own name and its aliases. */
export function namesOf(service: ComposeService): Located<string>[] {
  const names: Located<string>[] = [{ value: service.name, span: service.nameSpan }];
  for (const attachment of service.networks) names.push(...attachment.aliases);
  return names;
}

/** How many tasks a service runs: `replicas` (default 1); a global service pinned to one node runs one. */
export function instanceCount(service: ComposeService): number {
  if (service.deploy.mode?.value === 'global') return 1;
  const replicas = service.deploy.replicas?.value;
  return typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 0 ? replicas : 1;
}

/** The node a service is pinned to by a `node.hostname == X` or `node.id == X` constraint. */
export function pinnedNode(service: ComposeService): Located<string> | undefined {
  for (const constraint of service.deploy.constraints) {
    const match = /^\s*node\.(hostname|id)\s*==\s*(\S+)\s*$/.exec(constraint.value);
    if (match) return { value: `${match[1]}=${match[2]}`, span: constraint.span };
  }
  return undefined;
}
