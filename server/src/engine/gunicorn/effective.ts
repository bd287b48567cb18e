import type { Span } from '../documents/yamlAccess';
import type { Container, Workload } from '../model/kubernetes';
import type { WorkspaceQueries } from '../rules/types';
import { workerSetup } from '../rules/wiring/analysis';
import { isVariableReference } from './commandLine';
import { FileSpot, GunicornProcess, gunicornProcess, spot } from './process';

export interface EffectiveWorkers {
  /** N; undefined when it is not known. */
  count?: number;
  /** Where N comes from, for messages. */
  source: string;
  at?: FileSpot;
  /** Where N is set in the workload's own document (WEB_CONCURRENCY's value, a --workers flag), when it is set there. */
  span?: Span;
  process?: GunicornProcess;
}

/**
 * The number of gunicorn workers a container runs, for rules that need it
 * whether or not the container sets WEB_CONCURRENCY/METRICS_START_PORT: the
 * wiring analysis' count when it has one, else gunicorn's precedence over the
 * command line, GUNICORN_CMD_ARGS, the config file, WEB_CONCURRENCY and the
 * default of one worker.
 */
export function effectiveWorkers(container: Container, workload: Workload, workspace: WorkspaceQueries): EffectiveWorkers {
  const setup = workerSetup(container, workload.doc.text, workspace, workload);
  if (setup?.process) {
    if (setup.unknown.some((u) => u.name === 'WEB_CONCURRENCY') && setup.workersSource === 'WEB_CONCURRENCY') return { source: 'WEB_CONCURRENCY (valueFrom)', span: setup.workersSpan, process: setup.process };
    return { count: setup.workers, source: setup.workersSource, at: setup.workersAt, span: setup.workersAt ? undefined : setup.workersSpan, process: setup.process };
  }
  const image = container.node?.get('image');
  const process = gunicornProcess(container, workload.doc.file.uri, workload.doc.text, workspace, typeof image === 'string' ? image : undefined);
  if (!process || !(process.containerInvocation || process.fileInvocation)) return { source: 'unknown', process };
  const flag = process.containerInvocation?.workers;
  if (flag?.value !== undefined) {
    if (isVariableReference(flag.value, 'WEB_CONCURRENCY')) return fromEnv(process, container);
    return { count: /^\d+$/.test(flag.value) ? Number(flag.value) : undefined, source: `--workers in the container command`, span: { start: flag.from, end: flag.to }, process };
  }
  if (process.commandWorkers) return { count: process.commandWorkers.count, source: process.commandWorkers.source, at: process.commandWorkers.at, process };
  const envFlag = process.envArgs?.workers?.value;
  if (envFlag !== undefined) return { count: /^\d+$/.test(envFlag) ? Number(envFlag) : undefined, source: '--workers in GUNICORN_CMD_ARGS', span: envValueSpan(container, 'GUNICORN_CMD_ARGS'), process };
  if (process.workers?.kind === 'config') return { count: process.workers.count, source: process.workers.source, at: process.workers.at, process };
  return fromEnv(process, container);
}

/** The span of a container env variable's value (its name when it has no value), when the container sets it. */
function envValueSpan(container: Container, name: string): Span | undefined {
  const e = container.env.find((v) => v.name === name);
  return e ? (e.value?.span ?? e.nameSpan) : undefined;
}

function fromEnv(process: GunicornProcess, container: Container): EffectiveWorkers {
  const value = process.env('WEB_CONCURRENCY');
  if (value === null) return { source: 'WEB_CONCURRENCY (not known)', span: envValueSpan(container, 'WEB_CONCURRENCY'), process };
  if (value === undefined) return { count: 1, source: "gunicorn's default of one worker (WEB_CONCURRENCY is not set)", process };
  const span = envValueSpan(container, 'WEB_CONCURRENCY');
  const image = process.dockerfile;
  const fromImage = !span && image ? image.image.env.get('WEB_CONCURRENCY') : undefined;
  const at = fromImage && image ? spot(image.file, fromImage.from, fromImage.to) : undefined;
  return { count: /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined, source: `WEB_CONCURRENCY=${value}`, span, at, process };
}
