import type { Monitor, Service } from '../model/kubernetes';
import { objectLabel } from '../rules/kubernetes/resolve';
import type { WorkspaceQueries } from '../rules/types';
import { portNameFor, START_PORT_ENV, workerOfPortName, workerSetup } from '../rules/wiring/analysis';
import type { WorkspaceIndex } from '../workspace/index';
import { docAt, objectOf, workerTargetAt } from './locate';
import type { DocEdit } from './text';
import { dedupe, planContainerPorts, planEndpoints, planServicePorts } from './wiring';
import { workerSourceLabel } from '../generators/workerCount';

/** A code action that (re)generates a numbered block; only offered when it would change something. */
export interface BlockAction {
  title: string;
  edits: DocEdit[];
}

/**
 * The block actions available at a file offset: on a Deployment container,
 * its metrics-1..N ports; on a Service, the ports of its pods' workers; on a
 * ServiceMonitor, one endpoint per Service metrics port. Running one on a
 * block that is already right offers nothing.
 */
export function blockActionsAt(index: WorkspaceIndex, queries: WorkspaceQueries, uri: string, offset: number, pattern: string): BlockAction[] {
  const doc = docAt(index, uri, offset);
  const object = objectOf(doc);
  if (!doc || !object || doc.parsed.errors.length) return [];
  const out: BlockAction[] = [];
  if (object.category === 'workload') {
    const target = workerTargetAt(index, uri, offset, queries);
    if (target && target.setup.workers !== undefined && target.setup.startPort !== undefined && !target.setup.unknown.length) {
      const n = Math.min(target.setup.workers, 1000);
      const edits = planContainerPorts(target.workload, target.container, { workers: n, startPort: target.setup.startPort, pattern });
      // N is the count the wiring rules use; say where it comes from when that is not WEB_CONCURRENCY.
      const source = workerSourceLabel(target.setup);
      if (edits?.length) out.push({ title: `Generate metrics ports for ${n} worker${n === 1 ? '' : 's'}${source ? ` (${source})` : ''} from ${START_PORT_ENV}`, edits });
    }
  } else if (object.category === 'service') {
    const action = serviceAction(object, queries, pattern);
    if (action) out.push(action);
  } else if (object.category === 'servicemonitor') {
    const action = monitorAction(object, queries, pattern);
    if (action) out.push(action);
  }
  return out;
}

function serviceAction(service: Service, queries: WorkspaceQueries, pattern: string): BlockAction | undefined {
  const edits: DocEdit[] = [];
  let workers = 0;
  for (const workload of queries.workloadsSelectedBy(service)) {
    for (const container of workload.containers) {
      const setup = workerSetup(container, workload.doc.text, queries, workload);
      if (!setup || setup.workers === undefined || setup.startPort === undefined || setup.unknown.length) continue;
      workers = Math.max(workers, Math.min(setup.workers, 1000));
      const planned = planServicePorts(workload, container, service, { workers: Math.min(setup.workers, 1000), startPort: setup.startPort, pattern });
      if (planned) edits.push(...planned);
    }
  }
  if (edits.length === 0) return undefined;
  return { title: `Add the ports of the selected pods' ${portNameFor(pattern, 1)}..${workers}`, edits: dedupe(edits) };
}

function monitorAction(monitor: Monitor, queries: WorkspaceQueries, pattern: string): BlockAction | undefined {
  const names = new Map<string, number>();
  for (const service of queries.servicesSelectedBy(monitor).selected) {
    for (const port of service.ports) {
      const worker = workerOfPortName(pattern, port.name?.value);
      if (worker !== undefined) names.set(port.name!.value as string, worker);
    }
  }
  if (names.size === 0) return undefined;
  const edits = planEndpoints(monitor, [...names].map(([name, worker]) => ({ worker, name })), pattern);
  if (!edits?.length) return undefined;
  return { title: `Add an endpoint per Service metrics port (${objectLabel(monitor)})`, edits };
}
