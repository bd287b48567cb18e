import type { Container, Workload } from '../model/kubernetes';
import type { WorkspaceQueries } from '../rules/types';
import type { WorkerSetup } from '../rules/wiring/analysis';
import { FileSpot, GunicornProcess, gunicornProcess } from './process';

/**
 * Completes a container's worker setup (from its env and command/args) with
 * what gunicorn reads elsewhere: a `--workers` in the image's Dockerfile
 * CMD/ENTRYPOINT or the Procfile, `workers = …` in the gunicorn config file it
 * loads, and WEB_CONCURRENCY / METRICS_START_PORT from the Dockerfile's ENV.
 * Precedence is gunicorn's: command line > GUNICORN_CMD_ARGS > config file >
 * WEB_CONCURRENCY.
 */
export function applyGunicornProcess(setup: WorkerSetup & { workersAt?: FileSpot; process?: GunicornProcess }, container: Container, workload: Workload, docText: string, workspace: WorkspaceQueries): void {
  const image = container.node?.get('image');
  const process = gunicornProcess(container, workload.doc.file.uri, docText, workspace, typeof image === 'string' ? image : undefined);
  if (!process) return;
  setup.process = process;
  const onCommandLine = setup.overrides.some((o) => o.where !== 'GUNICORN_CMD_ARGS');
  if (onCommandLine) return;
  const take = (source: NonNullable<GunicornProcess['workers']>) => {
    setup.workers = source.count;
    setup.workersSpan = undefined;
    setup.workersAt = source.at;
    setup.workersSource = source.source;
    setup.workersFile = source;
  };
  if (process.commandWorkers) {
    take(process.commandWorkers);
    return;
  }
  if (setup.overrides.length === 0 && process.workers && (process.workers.kind === 'config' || setup.workers === undefined)) take(process.workers);
  if (setup.startPort === undefined && !container.env.some((e) => e.name === 'METRICS_START_PORT')) {
    const start = process.dockerfile?.image.env.get('METRICS_START_PORT');
    if (start && /^\d+$/.test(start.value)) setup.startPort = Number(start.value);
  }
}
