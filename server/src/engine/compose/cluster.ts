import type { Span } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import { isIpAddress, parsePort, splitHostPort } from './address';
import { flagValues } from './commandLine';
import { ComposeFile, ComposeService, composeFileOf, instanceCount } from './model';
import { isAlertmanager, StackNames } from './stack';

/** One `--cluster.peer` of an Alertmanager service, parsed and resolved against the stack. */
export interface PeerFlag {
  service: ComposeService;
  text: string;
  span: Span;
  host?: string;
  port?: number;
  /** Why the value is not `host:port`. */
  addressProblem?: string;
  /** The services the host reaches; undefined when it names nothing in the stack (or is an IP / outside name). */
  targets?: ComposeService[];
  /** The host is an IP address or a dotted name outside the stack: nothing to check. */
  external: boolean;
}

export interface ClusterAnalysis {
  file: ComposeFile;
  names: StackNames;
  alertmanagers: ComposeService[];
  peers: PeerFlag[];
}

const cache = new WeakMap<YamlDoc, ClusterAnalysis | null>();

/** The Alertmanager cluster of a stack file (cached per parsed document), or undefined when it runs no Alertmanager. */
export function clusterOf(doc: YamlDoc): ClusterAnalysis | undefined {
  const cached = cache.get(doc);
  if (cached !== undefined) return cached ?? undefined;
  const file = composeFileOf(doc);
  const alertmanagers = file?.services.filter(isAlertmanager) ?? [];
  let analysis: ClusterAnalysis | undefined;
  if (file && alertmanagers.length > 0) {
    const names = new StackNames([file]);
    const peers: PeerFlag[] = [];
    for (const service of alertmanagers) {
      for (const flag of flagValues(service.flags, 'cluster.peer')) {
        if (flag.value === undefined || !flag.valueSpan) continue;
        peers.push(resolvePeer(service, flag.value, flag.valueSpan, names));
      }
    }
    analysis = { file, names, alertmanagers, peers };
  }
  cache.set(doc, analysis ?? null);
  return analysis;
}

function resolvePeer(service: ComposeService, text: string, span: Span, names: StackNames): PeerFlag {
  const base = { service, text, span, external: false };
  const split = splitHostPort(text);
  if (!split) return { ...base, addressProblem: 'is not host:port' };
  if (split.host === '') return { ...base, addressProblem: 'has no host' };
  const port = parsePort(split.port);
  if (port === undefined) return { ...base, host: split.host, addressProblem: split.port === '' ? 'has no port' : `has port "${split.port}", which is not a number` };
  const resolved = names.resolve(split.host);
  if (resolved) return { ...base, host: split.host, port, targets: resolved.services };
  const stackName = split.host.startsWith('tasks.') ? split.host.slice(6) : split.host;
  const external = isIpAddress(split.host) || stackName.includes('.');
  return { ...base, host: split.host, port, external };
}

/** Whether a resolved peer reaches an Alertmanager task other than the one that lists it. */
export function reachesAnother(peer: PeerFlag): boolean {
  if (!peer.targets) return false;
  return peer.targets.some((target) => isAlertmanager(target) && (target !== peer.service || instanceCount(target) > 1));
}
