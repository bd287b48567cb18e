import { isScalar, YAMLMap } from 'yaml';
import { findPair, Span } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import type { Container, Monitor, Service, ServicePort, Workload } from '../model/kubernetes';
import { portNameFor, servicePortTarget, workerOfPortName } from '../rules/wiring/analysis';
import { NewItem, planSequence } from './sequence';
import type { DocEdit } from './text';
import { replaceScalar } from './yamlEdit';

/*
 * The numbered metrics blocks (container ports, Service ports, ServiceMonitor
 * endpoints for workers 1..N) as edits: what is missing is added, what is
 * numbered wrong is corrected, and, on request, workers above N go.
 * "Set worker count", which moves all of them at once, is
 * generators/workerCount.ts.
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
