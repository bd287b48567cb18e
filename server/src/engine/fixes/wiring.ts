import { isScalar, YAMLMap } from 'yaml';
import { findPair, Span } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import type { Container, Monitor, Service, ServicePort, Workload } from '../model/kubernetes';
import type { WorkspaceQueries } from '../rules/types';
import { portNameFor, servicePortTarget, START_PORT_ENV, WORKERS_ENV, workerOfPortName, WorkerSetup } from '../rules/wiring/analysis';
import { NewItem, planSequence } from './sequence';
import type { DocEdit } from './text';
import { replaceScalar } from './yamlEdit';

/*
 * The numbered metrics blocks (container ports, Service ports, ServiceMonitor
 * endpoints for workers 1..N) as edits: what is missing is added, what is
 * numbered wrong is corrected, and, on request, workers above N go.
 */

export interface BlockTarget {
  workers: number;
  startPort: number;
  pattern: string;
}

/** A number written plainly, whatever quoting the old value had (ports are integers). */
export function setNumber(doc: YamlDoc, span: Span, value: number): DocEdit {
  return { doc, start: span.start, end: span.end, newText: String(value) };
}

function scalarOf(map: YAMLMap, key: string): unknown {
  const value = findPair(map, key)?.value;
  return isScalar(value) ? value.value : undefined;
}

/** What worker k's Service port should target in this container: the name of its port, or its number. */
export function containerTargetFor(container: Container, worker: number, target: BlockTarget): string | number {
  const port = target.startPort + worker - 1;
  const declared = container.ports.find((p) => p.number === port);
  if (declared) return typeof declared.name?.value === 'string' ? declared.name.value : port;
  return portNameFor(target.pattern, worker);
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

export interface BlockOptions {
  /** Only these workers (a quick fix for one); default 1..N. */
  only?: number[];
  /** Remove the items of workers above N. */
  removeExtra?: boolean;
}

export function planContainerPorts(workload: Workload, container: Container, target: BlockTarget, options: BlockOptions = {}): DocEdit[] | undefined {
  const doc = workload.doc;
  const edits: DocEdit[] = [];
  const add: NewItem[] = [];
  for (const worker of options.only ?? range(1, target.workers)) {
    const port = target.startPort + worker - 1;
    const name = portNameFor(target.pattern, worker);
    const named = container.ports.find((p) => p.name?.value === name);
    if (named) {
      if (named.containerPort && named.containerPort.value !== port) edits.push(setNumber(doc, named.containerPort.span, port));
      continue;
    }
    if (container.ports.some((p) => p.number === port)) continue;
    add.push({ worker, fields: [{ key: 'name', value: name }, { key: 'containerPort', value: port }] });
  }
  const remove = options.removeExtra
    ? container.ports.filter((p) => (workerOfPortName(target.pattern, p.name?.value) ?? 0) > target.workers).map((p) => p.node)
    : [];
  const sequence = planSequence({
    host: { doc, parent: container.node, key: 'ports' },
    workerOf: (item) => workerOfPortName(target.pattern, scalarOf(item, 'name')),
    add,
    remove,
    copyKeys: ['protocol'],
  });
  return sequence ? [...edits, ...sequence] : undefined;
}

export function planServicePorts(
  workload: Workload,
  container: Container,
  service: Service,
  target: BlockTarget,
  options: BlockOptions = {},
): DocEdit[] | undefined {
  const doc = service.doc;
  const edits: DocEdit[] = [];
  const add: NewItem[] = [];
  const usedNumbers = new Set(service.ports.map((p) => p.port?.value));
  for (const worker of options.only ?? range(1, target.workers)) {
    const port = target.startPort + worker - 1;
    const name = portNameFor(target.pattern, worker);
    const wanted = containerTargetFor(container, worker, target);
    const named = service.ports.find((p) => p.name?.value === name);
    if (named) {
      const current = named.targetPort?.value ?? named.port?.value;
      if (current === wanted || current === port) continue;
      if (named.targetPort) {
        const edit = typeof wanted === 'number' ? setNumber(doc, named.targetPort.span, wanted) : replaceScalar(doc, named.targetPort.span, wanted);
        if (!edit) return undefined;
        edits.push(edit);
      }
      continue;
    }
    if (service.ports.some((p) => delivers(workload, container, p, port))) continue;
    if (usedNumbers.has(port)) continue; // Another Service port has this number: adding one would clash.
    add.push({ worker, fields: [{ key: 'name', value: name }, { key: 'port', value: port }, { key: 'targetPort', value: wanted }] });
  }
  const remove = options.removeExtra
    ? service.ports.filter((p) => (workerOfPortName(target.pattern, p.name?.value) ?? 0) > target.workers).map((p) => p.node)
    : [];
  if (!service.spec) return undefined;
  const sequence = planSequence({
    host: { doc, parent: service.spec, key: 'ports' },
    workerOf: (item) => workerOfPortName(target.pattern, scalarOf(item, 'name')),
    add,
    remove,
    copyKeys: ['protocol'],
  });
  return sequence ? [...edits, ...sequence] : undefined;
}

function delivers(workload: Workload, container: Container, servicePort: ServicePort, port: number): boolean {
  const target = servicePortTarget(workload, servicePort);
  return target.number === port && (!target.viaName || container.ports.includes(target.viaName));
}

/**
 * Endpoints for the Service port names given (one per worker), with the
 * interval (and timeout, path, scheme) of the endpoints already there.
 */
export function planEndpoints(monitor: Monitor, names: { worker: number; name: string }[], pattern: string, removeAbove?: number): DocEdit[] | undefined {
  if (!monitor.spec) return undefined;
  const add: NewItem[] = [];
  for (const { worker, name } of names) {
    if (monitor.endpoints.some((e) => e.port?.value === name)) continue;
    add.push({ worker, fields: [{ key: 'port', value: name }] });
  }
  const numbered = monitor.endpoints.filter((e) => workerOfPortName(pattern, e.port?.value) !== undefined);
  const remove =
    removeAbove === undefined ? [] : numbered.filter((e) => (workerOfPortName(pattern, e.port?.value) ?? 0) > removeAbove).map((e) => e.node);
  return planSequence({
    host: { doc: monitor.doc, parent: monitor.spec, key: monitor.category === 'podmonitor' ? 'podMetricsEndpoints' : 'endpoints' },
    workerOf: (item) => workerOfPortName(pattern, scalarOf(item, 'port')),
    add,
    remove,
    copyKeys: numbered.length ? ['interval', 'scrapeTimeout', 'path', 'scheme', 'honorLabels'] : ['interval', 'scrapeTimeout'],
  });
}

/** Service ports of workers (by name) that a ServiceMonitor should scrape, for workers 1..N. */
export function workerServicePortNames(service: Service, target: BlockTarget): { worker: number; name: string }[] {
  const out: { worker: number; name: string }[] = [];
  for (const port of service.ports) {
    const worker = workerOfPortName(target.pattern, port.name?.value);
    if (worker !== undefined && worker <= target.workers) out.push({ worker, name: port.name!.value as string });
  }
  return out;
}

export interface WorkerCountResult {
  edits: DocEdit[];
  /** Human-readable summary, or why nothing could be done. */
  message: string;
  ok: boolean;
}

/** Whether a Service already carries numbered worker ports (only those take part in a worker count change). */
function hasWorkerPorts(service: Service, pattern: string): boolean {
  return service.ports.some((p) => workerOfPortName(pattern, p.name?.value) !== undefined);
}

function hasWorkerEndpoints(monitor: Monitor, pattern: string): boolean {
  return monitor.endpoints.some((e) => workerOfPortName(pattern, e.port?.value) !== undefined);
}

/**
 * "Set worker count": the WEB_CONCURRENCY value, a literal --workers that
 * overrides it, the container ports, the Service ports and the ServiceMonitor
 * endpoints, all moved to N workers in one set of edits.
 */
export function planWorkerCount(workload: Workload, setup: WorkerSetup, workers: number, queries: WorkspaceQueries, pattern: string): WorkerCountResult {
  const fail = (message: string): WorkerCountResult => ({ edits: [], message, ok: false });
  if (!Number.isInteger(workers) || workers < 1 || workers > 1000) return fail('The worker count must be a whole number from 1 to 1000.');
  if (setup.unknown.length) return fail(`${setup.unknown.map((u) => u.name).join(' and ')} come from valueFrom; set the count where that value is defined.`);
  if (setup.startPort === undefined) return fail(`${START_PORT_ENV} has no literal value, so the metrics ports cannot be computed.`);
  const container = setup.container;
  const doc = workload.doc;
  const target: BlockTarget = { workers, startPort: setup.startPort, pattern };
  if (target.startPort + workers - 1 > 65535) return fail(`${START_PORT_ENV} ${target.startPort} + ${workers} workers goes past port 65535.`);
  const edits: DocEdit[] = [];

  const envVar = container.env.find((e) => e.name === WORKERS_ENV);
  if (envVar?.value) {
    const edit = replaceScalar(doc, envVar.value.span, String(workers));
    if (!edit) return fail(`${WORKERS_ENV}'s value is a block scalar; edit it by hand.`);
    edits.push(edit);
  } else {
    const envNode = container.node;
    const add = planSequence({
      host: { doc, parent: envNode, key: 'env' },
      workerOf: () => undefined,
      add: [{ worker: Number.MAX_SAFE_INTEGER, fields: [{ key: 'name', value: WORKERS_ENV }, { key: 'value', value: String(workers) }] }],
      remove: [],
    });
    if (!add) return fail(`The env list of container "${container.name?.value ?? '?'}" is in flow style; add ${WORKERS_ENV} by hand.`);
    edits.push(...add);
  }
  for (const override of setup.overrides) {
    if (override.count === undefined) continue;
    const text = doc.text.slice(override.span.start, override.span.end);
    const match = /\d+(?!.*\d)/.exec(text);
    if (match?.index === undefined) continue;
    const start = override.span.start + match.index;
    edits.push({ doc, start, end: start + match[0].length, newText: String(workers) });
  }

  const containerEdits = planContainerPorts(workload, container, target, { removeExtra: true });
  if (!containerEdits) return fail(`The ports of container "${container.name?.value ?? '?'}" are in flow style; they cannot be edited in place.`);
  edits.push(...containerEdits);

  const services = queries.servicesSelecting(workload).filter((s) => hasWorkerPorts(s, pattern));
  for (const service of services) {
    const serviceEdits = planServicePorts(workload, container, service, target, { removeExtra: true });
    if (!serviceEdits) return fail(`The ports of Service ${service.name} cannot be edited in place (flow style).`);
    edits.push(...serviceEdits);
    const names = range(1, workers).map((worker) => ({ worker, name: portNameFor(pattern, worker) }));
    for (const monitor of queries.serviceMonitorsSelecting(service).filter((m) => hasWorkerEndpoints(m, pattern))) {
      const monitorEdits = planEndpoints(monitor, names, pattern, workers);
      if (!monitorEdits) return fail(`The endpoints of ServiceMonitor ${monitor.name} cannot be edited in place (flow style).`);
      edits.push(...monitorEdits);
    }
  }
  const files = new Set(edits.map((e) => e.doc.file.uri)).size;
  return { edits: dedupe(edits), message: `Set ${workers} worker${workers === 1 ? '' : 's'}: ${edits.length} edit${edits.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.`, ok: true };
}

/** The same edit planned twice (a monitor selecting two Services) is kept once. */
export function dedupe(edits: DocEdit[]): DocEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.doc.id}:${e.start}:${e.end}:${e.newText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
