import type { Located, Span } from '../../documents/yamlAccess';
import type { Container, ContainerPort, Monitor, MonitorEndpoint, Service, ServicePort, Workload } from '../../model/kubernetes';
import type { WorkspaceQueries } from '../types';
import { findNamedPort } from '../kubernetes/resolve';
import type { FileSpot, GunicornProcess, WorkersSource } from '../../gunicorn/process';
import { applyGunicornProcess } from '../../gunicorn/workers';

export const WORKERS_ENV = 'WEB_CONCURRENCY';
export const START_PORT_ENV = 'METRICS_START_PORT';
export const GUNICORN_ARGS_ENV = 'GUNICORN_CMD_ARGS';

/** A `--workers`/`-w` found where gunicorn reads its arguments. */
export interface WorkerOverride {
  span: Span;
  /** The worker count it sets; undefined when it is not a literal number. */
  count?: number;
  text: string;
  where: 'command' | 'args' | typeof GUNICORN_ARGS_ENV;
}

export interface WorkerSetup {
  container: Container;
  /** The effective worker count N, if known. */
  workers?: number;
  workersSpan?: Span;
  /** Where N came from, for messages. */
  workersSource: string;
  startPort?: number;
  startPortSpan?: Span;
  overrides: WorkerOverride[];
  /** Variables whose value is given by valueFrom, so unknown here. */
  unknown: { name: string; span: Span }[];
  /** Where N is set when that is in another file (a gunicorn config, a Dockerfile, a Procfile). */
  workersAt?: FileSpot;
  /** The source in another file that N was taken from (the same one `workersAt` points at). */
  workersFile?: WorkersSource;
  /** The gunicorn process put together from the workspace (when the workspace was given). */
  process?: GunicornProcess;
}

function envNumber(value: Located<unknown> | undefined): number | undefined {
  if (!value) return undefined;
  const raw = value.value;
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

const WORKERS_FLAG = /^(?:--workers(?:=(.*))?|-w(.*))$/;

/**
 * Finds `--workers N`, `--workers=N`, `-w N` and `-wN` among argument tokens.
 * `$(WEB_CONCURRENCY)` (expanded by Kubernetes) and `$WEB_CONCURRENCY` are the
 * environment value itself, so they do not override it.
 */
export function findWorkerFlags(tokens: { text: string; span: Span }[], where: WorkerOverride['where']): WorkerOverride[] {
  const found: WorkerOverride[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const match = WORKERS_FLAG.exec(tokens[i].text);
    if (!match) continue;
    let value = match[1] ?? (match[2] || undefined);
    let span = tokens[i].span;
    if (value === undefined && i + 1 < tokens.length) {
      value = tokens[i + 1].text;
      span = { start: tokens[i].span.start, end: tokens[i + 1].span.end };
      i++;
    }
    if (value === undefined) continue;
    if (/^\$(?:\(WEB_CONCURRENCY\)|\{WEB_CONCURRENCY\}|WEB_CONCURRENCY)$/.test(value)) continue;
    found.push({ span, count: /^\d+$/.test(value) ? Number(value) : undefined, text: value, where });
  }
  return found;
}

/** Splits located strings into whitespace-separated tokens, keeping each token's span (shell `-c` strings included). */
export function tokenize(items: Located<string>[], docText: string): { text: string; span: Span }[] {
  const tokens: { text: string; span: Span }[] = [];
  for (const item of items) {
    // In a quoted YAML scalar the text starts one character after the node start.
    const base = item.span.start + (docText[item.span.start] === '"' || docText[item.span.start] === "'" ? 1 : 0);
    for (const match of item.value.matchAll(/\S+/g)) {
      const start = base + (match.index ?? 0);
      const end = Math.min(start + match[0].length, item.span.end);
      tokens.push({ text: match[0].replace(/^["']|["';]$/g, ''), span: { start: Math.min(start, end), end } });
    }
  }
  return tokens;
}

/**
 * The worker setup of a container. With `workspace` and `workload`, the
 * effective worker count also follows the gunicorn config, Dockerfile and
 * Procfile the container uses (see gunicorn/workers.ts).
 */
/**
 * Several wiring rules ask for the same container's setup and chains while one
 * document is linted. The linter hands each lint of a document a fresh
 * WorkspaceQueries object, so results keyed by it are shared by those rules and
 * never outlive the lint (dependencies are recorded by the first computation,
 * for the same producer).
 */
const setupMemo = new WeakMap<WorkspaceQueries, Map<Container, WorkerSetup | undefined>>();
const wiringMemo = new WeakMap<WorkspaceQueries, Map<WorkerSetup, Map<string, WiringAnalysis | undefined>>>();

export function workerSetup(container: Container, docText: string, workspace?: WorkspaceQueries, workload?: Workload): WorkerSetup | undefined {
  if (!workspace) return computeWorkerSetup(container, docText, workspace, workload);
  let memo = setupMemo.get(workspace);
  if (!memo) setupMemo.set(workspace, (memo = new Map()));
  if (!memo.has(container)) memo.set(container, computeWorkerSetup(container, docText, workspace, workload));
  return memo.get(container);
}

function computeWorkerSetup(container: Container, docText: string, workspace?: WorkspaceQueries, workload?: Workload): WorkerSetup | undefined {
  const workersEnv = container.env.find((e) => e.name === WORKERS_ENV);
  const startEnv = container.env.find((e) => e.name === START_PORT_ENV);
  if (!workersEnv && !startEnv) return undefined;
  const setup: WorkerSetup = { container, workersSource: WORKERS_ENV, overrides: [], unknown: [] };
  if (workersEnv?.valueFrom) setup.unknown.push({ name: WORKERS_ENV, span: workersEnv.nameSpan });
  if (startEnv?.valueFrom) setup.unknown.push({ name: START_PORT_ENV, span: startEnv.nameSpan });
  setup.workers = envNumber(workersEnv?.value);
  setup.workersSpan = workersEnv?.value?.span ?? workersEnv?.nameSpan;
  setup.startPort = envNumber(startEnv?.value);
  setup.startPortSpan = startEnv?.value?.span ?? startEnv?.nameSpan;

  const commandTokens = tokenize(container.command, docText);
  const argTokens = tokenize(container.args, docText);
  setup.overrides.push(...findWorkerFlags(commandTokens, 'command'), ...findWorkerFlags(argTokens, 'args'));
  const gunicornArgs = container.env.find((e) => e.name === GUNICORN_ARGS_ENV);
  if (gunicornArgs?.value && typeof gunicornArgs.value.value === 'string') {
    setup.overrides.push(...findWorkerFlags(tokenize([gunicornArgs.value as Located<string>], docText), GUNICORN_ARGS_ENV));
  }
  // gunicorn applies GUNICORN_CMD_ARGS first and command-line flags after, so the command line wins.
  const effective = [...setup.overrides].sort((a, b) => (a.where === GUNICORN_ARGS_ENV ? -1 : 0) - (b.where === GUNICORN_ARGS_ENV ? -1 : 0)).pop();
  if (effective) {
    setup.workers = effective.count;
    setup.workersSpan = effective.span;
    setup.workersSource = effective.where === GUNICORN_ARGS_ENV ? `--workers in ${GUNICORN_ARGS_ENV}` : `--workers in the container ${effective.where}`;
  }
  if (workspace && workload) applyGunicornProcess(setup, container, workload, docText, workspace);
  return setup;
}

export function portNameFor(pattern: string, worker: number): string {
  return pattern.split('{i}').join(String(worker));
}

/** The worker number a port name stands for under the pattern, if it follows it. */
export function workerOfPortName(pattern: string, name: unknown): number | undefined {
  if (typeof name !== 'string') return undefined;
  const [prefix, suffix = ''] = pattern.split('{i}');
  if (!name.startsWith(prefix) || !name.endsWith(suffix)) return undefined;
  const middle = name.slice(prefix.length, name.length - suffix.length);
  return /^[1-9]\d{0,4}$/.test(middle) ? Number(middle) : undefined;
}

/** Where a Service port sends traffic in the workload's pods: a container port number. */
export function servicePortTarget(workload: Workload, port: ServicePort): { number?: number; viaName?: ContainerPort } {
  const target = port.targetPort?.value ?? port.port?.value;
  if (typeof target === 'number') return { number: target };
  if (typeof target === 'string') {
    const resolved = findNamedPort(workload, target, port.protocol);
    return { number: resolved?.port.number, viaName: resolved?.port };
  }
  return {};
}

/** Whether a ServiceMonitor endpoint scrapes this Service port (by port name, or targetPort name/number). */
export function endpointScrapes(endpoint: MonitorEndpoint, port: ServicePort, target: { number?: number; viaName?: ContainerPort }): boolean {
  if (endpoint.port) return typeof port.name?.value === 'string' && endpoint.port.value === port.name.value;
  const targetPort = endpoint.targetPort?.value;
  if (typeof targetPort === 'number') return targetPort === target.number;
  if (typeof targetPort === 'string') return target.viaName?.name?.value === targetPort;
  return false;
}

export interface WorkerChain {
  worker: number;
  port: number;
  name: string;
  containerPort?: ContainerPort;
  /** Service ports that deliver to this worker's port. */
  servicePorts: { service: Service; port: ServicePort; monitors: Monitor[]; endpoints: { monitor: Monitor; endpoint: MonitorEndpoint }[] }[];
  scraped: boolean;
}

export interface WiringAnalysis {
  workload: Workload;
  setup: WorkerSetup;
  workers: number;
  startPort: number;
  services: Service[];
  chains: WorkerChain[];
}

/** Follows every worker's port through the Services and ServiceMonitors of the workspace. */
export function analyzeWiring(workload: Workload, setup: WorkerSetup, queries: WorkspaceQueries, pattern: string): WiringAnalysis | undefined {
  let bySetup = wiringMemo.get(queries);
  if (!bySetup) wiringMemo.set(queries, (bySetup = new Map()));
  let byPattern = bySetup.get(setup);
  if (!byPattern) bySetup.set(setup, (byPattern = new Map()));
  if (!byPattern.has(pattern)) byPattern.set(pattern, computeWiring(workload, setup, queries, pattern));
  return byPattern.get(pattern);
}

function computeWiring(workload: Workload, setup: WorkerSetup, queries: WorkspaceQueries, pattern: string): WiringAnalysis | undefined {
  if (setup.workers === undefined || setup.startPort === undefined || setup.unknown.length > 0) return undefined;
  const workers = Math.min(setup.workers, 1000);
  const services = queries.servicesSelecting(workload);
  const monitorsByService = new Map(services.map((s) => [s, queries.serviceMonitorsSelecting(s)] as const));
  const chains: WorkerChain[] = [];
  for (let worker = 1; worker <= workers; worker++) {
    const port = setup.startPort + worker - 1;
    const name = portNameFor(pattern, worker);
    const containerPort = setup.container.ports.find((p) => p.number === port);
    const chain: WorkerChain = { worker, port, name, containerPort, servicePorts: [], scraped: false };
    for (const service of services) {
      for (const servicePort of service.ports) {
        const target = servicePortTarget(workload, servicePort);
        if (target.number !== port) continue;
        // A named target must resolve in this container, not a sibling with the same port number.
        if (target.viaName && !setup.container.ports.includes(target.viaName)) continue;
        const monitors = monitorsByService.get(service) ?? [];
        const endpoints: { monitor: Monitor; endpoint: MonitorEndpoint }[] = [];
        for (const monitor of monitors) {
          for (const endpoint of monitor.endpoints) if (endpointScrapes(endpoint, servicePort, target)) endpoints.push({ monitor, endpoint });
        }
        chain.servicePorts.push({ service, port: servicePort, monitors, endpoints });
        if (endpoints.length > 0) chain.scraped = true;
      }
    }
    chains.push(chain);
  }
  return { workload, setup, workers, startPort: setup.startPort, services, chains };
}
