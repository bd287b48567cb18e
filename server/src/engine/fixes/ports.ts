import { isScalar, YAMLMap } from 'yaml';
import { findPair, getMap, Span, spanOf } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import type { Container, K8sObject, Monitor, Service, Workload } from '../model/kubernetes';
import { ianaSvcNameProblems } from '../rules/kubernetes/names';
import { objectLabel } from '../rules/kubernetes/resolve';
import type { WorkspaceQueries } from '../rules/types';
import { analyzeWiring, START_PORT_ENV, WORKERS_ENV, workerOfPortName, workerSetup } from '../rules/wiring/analysis';
import type { WorkspaceIndex } from '../workspace/index';
import { docAt, objectOf } from './locate';
import type { DocEdit } from './text';
import { replaceScalar } from './yamlEdit';

/*
 * Port names as a graph across objects, for navigation, rename and hovers.
 * Two kinds of names meet here: container port names (declared in a pod,
 * used by probes, a Service's targetPort, a PodMonitor's port, an endpoint's
 * targetPort) and Service port names (declared in a Service, used by a
 * ServiceMonitor endpoint's port). In the numbered blocks both are
 * "metrics-i", and a Service port that targets a container port of its own
 * name ties the two together, so they are renamed together.
 */

export type PortRole = 'container-port' | 'probe-port' | 'service-port' | 'target-port' | 'endpoint-port' | 'endpoint-target-port' | 'podmonitor-port';

export interface PortOccurrence {
  role: PortRole;
  name: string;
  doc: YamlDoc;
  /** The scalar, quotes included. */
  span: Span;
  object: K8sObject;
  container?: Container;
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'];

function named(doc: YamlDoc, object: K8sObject, role: PortRole, located: { value: unknown; span: Span } | undefined, container?: Container): PortOccurrence[] {
  if (!located || typeof located.value !== 'string' || located.value === '') return [];
  return [{ role, name: located.value, doc, span: located.span, object, container }];
}

/** Every port-name occurrence an object holds. */
export function occurrencesIn(object: K8sObject): PortOccurrence[] {
  const doc = object.doc;
  const out: PortOccurrence[] = [];
  if (object.category === 'workload') {
    for (const container of object.containers) {
      for (const port of container.ports) out.push(...named(doc, object, 'container-port', port.name, container));
      for (const probe of PROBES) {
        const probeMap = getMap(doc.parsed, container.node, probe);
        for (const handler of PROBE_HANDLERS) {
          const handlerMap = getMap(doc.parsed, probeMap, handler);
          const pair = findPair(handlerMap, 'port');
          const value = pair?.value;
          const span = spanOf(value as YAMLMap);
          if (isScalar(value) && span) out.push(...named(doc, object, 'probe-port', { value: value.value, span }, container));
        }
      }
    }
  } else if (object.category === 'service') {
    for (const port of object.ports) {
      out.push(...named(doc, object, 'service-port', port.name));
      out.push(...named(doc, object, 'target-port', port.targetPort));
    }
  } else if (object.category === 'servicemonitor') {
    for (const endpoint of object.endpoints) {
      out.push(...named(doc, object, 'endpoint-port', endpoint.port));
      out.push(...named(doc, object, 'endpoint-target-port', endpoint.targetPort));
    }
  } else if (object.category === 'podmonitor') {
    for (const endpoint of object.endpoints) out.push(...named(doc, object, 'podmonitor-port', endpoint.port));
  }
  return out;
}

/** The port-name occurrence under a file offset. */
export function occurrenceAt(index: WorkspaceIndex, uri: string, offset: number): PortOccurrence | undefined {
  const doc = docAt(index, uri, offset);
  const object = objectOf(doc);
  if (!doc || !object) return undefined;
  const local = offset - doc.startOffset;
  return occurrencesIn(object).find((o) => local >= o.span.start && local <= o.span.end);
}

/**
 * Every occurrence of the same port name that is wired to this one: the
 * container port, the probes and Service targetPorts that use it, the
 * Service port of that name and the endpoints that scrape it.
 */
export function relatedOccurrences(start: PortOccurrence, queries: WorkspaceQueries, monitors: Iterable<Monitor> = []): PortOccurrence[] {
  const name = start.name;
  const found = new Map<string, PortOccurrence>();
  const seen = new Set<string>();
  const add = (o: PortOccurrence) => found.set(`${o.doc.id}:${o.span.start}`, o);
  const queue: { kind: 'container' | 'service'; object: K8sObject }[] = [];
  const visit = (kind: 'container' | 'service', object: K8sObject) => {
    const key = `${kind}:${object.doc.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    queue.push({ kind, object });
  };
  add(start);
  switch (start.role) {
    case 'container-port':
    case 'probe-port':
      visit('container', start.object);
      break;
    case 'service-port':
      visit('service', start.object);
      break;
    case 'target-port':
      for (const w of queries.workloadsSelectedBy(start.object as Service)) visit('container', w);
      visit('service', start.object);
      break;
    case 'endpoint-port':
      for (const s of queries.servicesSelectedBy(start.object as Monitor).selected) visit('service', s);
      visit('service', start.object);
      break;
    case 'endpoint-target-port':
      for (const s of queries.servicesSelectedBy(start.object as Monitor).selected) for (const w of queries.workloadsSelectedBy(s)) visit('container', w);
      break;
    case 'podmonitor-port':
      for (const w of queries.workloadsSelectedBy(start.object as Monitor).selected) visit('container', w);
      visit('container', start.object);
      break;
  }
  while (queue.length) {
    const { kind, object } = queue.shift()!;
    if (kind === 'container' && object.category === 'workload') {
      const here = occurrencesIn(object).filter((o) => o.name === name);
      if (!here.some((o) => o.role === 'container-port')) continue;
      here.forEach(add);
      for (const service of queries.servicesSelecting(object)) {
        for (const o of occurrencesIn(service)) {
          if (o.role !== 'target-port' || o.name !== name) continue;
          add(o);
          // A Service port of the same name that targets this port is the same name to the user.
          if (service.ports.some((p) => p.name?.value === name && p.targetPort?.value === name)) visit('service', service);
        }
        for (const monitor of queries.serviceMonitorsSelecting(service)) {
          occurrencesIn(monitor).filter((o) => o.role === 'endpoint-target-port' && o.name === name).forEach(add);
        }
      }
    } else if (kind === 'service' && object.category === 'service') {
      const own = occurrencesIn(object).filter((o) => o.name === name && o.role === 'service-port');
      own.forEach(add);
      const tied = object.ports.find((p) => p.name?.value === name && p.targetPort?.value === name);
      if (tied) {
        occurrencesIn(object).filter((o) => o.role === 'target-port' && o.name === name).forEach(add);
        for (const w of queries.workloadsSelectedBy(object)) visit('container', w);
      }
      for (const monitor of queries.serviceMonitorsSelecting(object)) {
        occurrencesIn(monitor).filter((o) => o.role === 'endpoint-port' && o.name === name).forEach(add);
      }
    } else if (kind === 'service' && object.category === 'servicemonitor') {
      // An endpoint port whose Services are not in the workspace: its siblings of the same name only.
      occurrencesIn(object).filter((o) => o.role === 'endpoint-port' && o.name === name).forEach(add);
    } else if (kind === 'container' && object.category === 'podmonitor') {
      occurrencesIn(object).filter((o) => o.role === 'podmonitor-port' && o.name === name).forEach(add);
    }
    if (kind === 'container' && object.category === 'workload') {
      for (const monitor of podMonitorsOf(object, queries, monitors)) {
        occurrencesIn(monitor).filter((o) => o.role === 'podmonitor-port' && o.name === name).forEach(add);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.doc.file.uri.localeCompare(b.doc.file.uri) || a.doc.startOffset + a.span.start - (b.doc.startOffset + b.span.start));
}

function podMonitorsOf(workload: Workload, queries: WorkspaceQueries, monitors: Iterable<Monitor>): Monitor[] {
  return [...monitors].filter((m) => m.category === 'podmonitor' && queries.workloadsSelectedBy(m).selected.includes(workload));
}

/** Where a port name is declared, seen from a use: endpoint → Service port → container port. */
export function definitionsOf(occurrence: PortOccurrence, queries: WorkspaceQueries): PortOccurrence[] {
  const containerPortsNamed = (workloads: Workload[], name: string) =>
    workloads.flatMap((w) => occurrencesIn(w).filter((o) => o.role === 'container-port' && o.name === name));
  switch (occurrence.role) {
    case 'endpoint-port':
      return queries
        .servicesSelectedBy(occurrence.object as Monitor)
        .selected.flatMap((s) => occurrencesIn(s).filter((o) => o.role === 'service-port' && o.name === occurrence.name));
    case 'service-port': {
      const service = occurrence.object as Service;
      const port = service.ports.find((p) => p.name?.value === occurrence.name);
      const target = port?.targetPort?.value ?? port?.port?.value;
      const workloads = queries.workloadsSelectedBy(service);
      if (typeof target === 'string') return containerPortsNamed(workloads, target);
      if (typeof target === 'number') {
        return workloads.flatMap((w) =>
          w.containers.flatMap((c) =>
            c.ports.filter((p) => p.number === target).map((p) => ({ role: 'container-port' as const, name: String(p.name?.value ?? target), doc: w.doc, span: (p.name ?? p.containerPort ?? { span: p.span }).span, object: w, container: c })),
          ),
        );
      }
      return [];
    }
    case 'target-port':
      return containerPortsNamed(queries.workloadsSelectedBy(occurrence.object as Service), occurrence.name);
    case 'endpoint-target-port':
      return containerPortsNamed(
        queries.servicesSelectedBy(occurrence.object as Monitor).selected.flatMap((s) => queries.workloadsSelectedBy(s)),
        occurrence.name,
      );
    case 'podmonitor-port':
      return containerPortsNamed(queries.workloadsSelectedBy(occurrence.object as Monitor).selected, occurrence.name);
    case 'probe-port':
      return containerPortsNamed([occurrence.object as Workload], occurrence.name);
    case 'container-port':
      return [];
  }
}

export interface RenameResult {
  edits: DocEdit[];
  error?: string;
}

/** Renames a port name everywhere it is wired; the new name must be a valid IANA_SVC_NAME and free. */
export function planRename(occurrence: PortOccurrence, newName: string, queries: WorkspaceQueries, monitors: Iterable<Monitor> = []): RenameResult {
  const problems = ianaSvcNameProblems(newName);
  if (problems.length) return { edits: [], error: `"${newName}" is not a valid port name (IANA_SVC_NAME): it ${problems.join(', ')}.` };
  const occurrences = relatedOccurrences(occurrence, queries, monitors);
  if (newName === occurrence.name) return { edits: [] };
  for (const o of occurrences) {
    if (o.role === 'container-port' && o.object.category === 'workload') {
      const clash = o.object.containers.some((c) => c.ports.some((p) => p.name?.value === newName));
      if (clash) return { edits: [], error: `${objectLabel(o.object)} already has a container port named "${newName}".` };
    }
    if (o.role === 'service-port' && o.object.category === 'service') {
      if (o.object.ports.some((p) => p.name?.value === newName)) return { edits: [], error: `${objectLabel(o.object)} already has a port named "${newName}".` };
    }
  }
  const edits: DocEdit[] = [];
  for (const o of occurrences) {
    const edit = replaceScalar(o.doc, o.span, newName);
    if (!edit) return { edits: [], error: `The port name at ${o.doc.file.uri} is a block scalar; rename it by hand.` };
    edits.push(edit);
  }
  return { edits };
}

/** The text span of a scalar without its quotes (what a rename replaces in the editor). */
export function innerSpan(doc: YamlDoc, span: Span): Span {
  const c = doc.text[span.start];
  return c === '"' || c === "'" ? { start: span.start + 1, end: span.end - 1 } : span;
}

// ---- hovers

function monitorLines(monitor: Monitor, name: string): string[] {
  const lines: string[] = [];
  monitor.endpoints.forEach((endpoint, i) => {
    if (endpoint.port?.value !== name) return;
    const interval = typeof endpoint.interval?.value === 'string' ? `interval ${endpoint.interval.value}` : 'the Prometheus default interval';
    lines.push(`⇐ ServiceMonitor ${monitor.namespace}/${monitor.name}, endpoint ${i + 1}: ${interval}, scrape job \`serviceMonitor/${monitor.namespace}/${monitor.name}/${i}\``);
  });
  return lines;
}

/** Markdown for a hover on a port name: the whole chain from container port to scrape job. */
export function portChainMarkdown(occurrence: PortOccurrence, queries: WorkspaceQueries, pattern: string): string {
  const related = relatedOccurrences(occurrence, queries);
  const lines: string[] = [];
  const containerPorts = related.filter((o) => o.role === 'container-port');
  const worker = workerOfPortName(pattern, occurrence.name);
  let header = `**${occurrence.name}**`;
  for (const o of containerPorts) {
    const w = o.object as Workload;
    const port = o.container?.ports.find((p) => p.name?.value === o.name);
    lines.push(`container port ${port?.number ?? '?'} (\`${o.name}\`, container \`${o.container?.name?.value ?? '?'}\` of ${objectLabel(w)})`);
    if (worker !== undefined && o.container) {
      const setup = workerSetup(o.container, w.doc.text, queries, w);
      if (setup?.workers !== undefined) header += ` — worker ${worker} of ${setup.workers}${setup.startPort !== undefined ? ` (${START_PORT_ENV} ${setup.startPort} + ${worker - 1} = ${setup.startPort + worker - 1})` : ''}`;
    }
  }
  const services = new Set(related.filter((o) => o.role === 'service-port' || o.role === 'target-port').map((o) => o.object as Service));
  if (occurrence.role === 'endpoint-port') for (const s of queries.servicesSelectedBy(occurrence.object as Monitor).selected) services.add(s);
  const monitors = new Set<Monitor>();
  for (const service of services) {
    for (const port of service.ports) {
      if (port.name?.value !== occurrence.name && port.targetPort?.value !== occurrence.name) continue;
      const target = port.targetPort?.value ?? port.port?.value;
      lines.push(`⇐ Service port \`${String(port.name?.value ?? port.port?.value)}\` (port ${String(port.port?.value)} → targetPort ${String(target)}) of ${objectLabel(service)}`);
      for (const monitor of queries.serviceMonitorsSelecting(service)) monitors.add(monitor);
    }
  }
  for (const monitor of monitors) lines.push(...monitorLines(monitor, occurrence.name));
  if (occurrence.role === 'endpoint-port' && monitors.size === 0) lines.push(...monitorLines(occurrence.object as Monitor, occurrence.name));
  for (const o of related.filter((r) => r.role === 'podmonitor-port')) lines.push(`⇐ PodMonitor ${o.object.namespace}/${o.object.name}`);
  if (lines.length === 0) lines.push('No container port, Service port or endpoint with this name is wired to it in the workspace.');
  return [header, '', ...lines.map((l) => `- ${l}`)].join('\n');
}

/** Markdown for a hover on WEB_CONCURRENCY / METRICS_START_PORT: the worker → port table. */
export function workerTableMarkdown(workload: Workload, container: Container, queries: WorkspaceQueries, pattern: string): string | undefined {
  const setup = workerSetup(container, workload.doc.text, queries, workload);
  if (!setup) return undefined;
  if (setup.unknown.length) return `${setup.unknown.map((u) => u.name).join(', ')} come from valueFrom: the worker ports are only known in the cluster.`;
  if (setup.workers === undefined || setup.startPort === undefined) {
    return `Set both ${WORKERS_ENV} and ${START_PORT_ENV} to literal values to see the worker → port table.`;
  }
  const analysis = analyzeWiring(workload, setup, queries, pattern);
  if (!analysis) return undefined;
  const rows = ['| worker | port | container port | Service port | scraped by |', '|---|---|---|---|---|'];
  for (const chain of analysis.chains.slice(0, 64)) {
    const cp = chain.containerPort ? `\`${String(chain.containerPort.name?.value ?? chain.port)}\`` : '✗ missing';
    const sp = chain.servicePorts.length ? chain.servicePorts.map((s) => `\`${String(s.port.name?.value ?? s.port.port?.value)}\``).join(', ') : '✗';
    const eps = chain.servicePorts.flatMap((s) => s.endpoints.map((e) => `${e.monitor.name}#${e.monitor.endpoints.indexOf(e.endpoint) + 1}`));
    rows.push(`| ${chain.worker} | ${chain.port} | ${cp} | ${sp} | ${eps.length ? eps.join(', ') : '✗ not scraped'} |`);
  }
  if (analysis.chains.length > 64) rows.push(`| … | | | | ${analysis.chains.length - 64} more |`);
  const head = `**${analysis.workers} worker${analysis.workers === 1 ? '' : 's'}** (${setup.workersSource}), metrics ports ${analysis.startPort}–${analysis.startPort + analysis.workers - 1}`;
  return [head, '', ...rows].join('\n');
}

/** Whether `offset` (file-level) is on a WEB_CONCURRENCY / METRICS_START_PORT env entry: its container. */
export function workerEnvAt(index: WorkspaceIndex, uri: string, offset: number): { workload: Workload; container: Container } | undefined {
  const doc = docAt(index, uri, offset);
  const object = objectOf(doc);
  if (!doc || object?.category !== 'workload') return undefined;
  const local = offset - doc.startOffset;
  for (const container of object.containers) {
    for (const env of container.env) {
      if (env.name !== WORKERS_ENV && env.name !== START_PORT_ENV) continue;
      if (local >= env.span.start && local <= env.span.end) return { workload: object, container };
    }
  }
  return undefined;
}
