import { settingsFor, SettingsChoice } from '../../django/locate';
import { ExportSetting, findSetting, PORT, RANGE } from '../../django/settings';
import { effectiveWorkers, EffectiveWorkers } from '../../gunicorn/effective';
import type { Span } from '../../python/ast';
import type { Container, Workload } from '../../model/kubernetes';
import type { RelatedInput, Target, WorkspaceQueries } from '../types';

export interface DjangoContainer {
  container: Container;
  workers: EffectiveWorkers;
  settings?: SettingsChoice;
  range?: ExportSetting;
  port?: ExportSetting;
}

/** Shared by the django rules of one document lint: the linter gives each lint a fresh WorkspaceQueries. */
const memo = new WeakMap<WorkspaceQueries, Map<Workload, DjangoContainer[]>>();

/** The gunicorn containers of a workload with their worker count and Django settings (which file, and why). */
export function djangoContainers(workload: Workload, workspace: WorkspaceQueries): DjangoContainer[] {
  let byWorkload = memo.get(workspace);
  if (!byWorkload) memo.set(workspace, (byWorkload = new Map()));
  let found = byWorkload.get(workload);
  if (!found) byWorkload.set(workload, (found = computeDjangoContainers(workload, workspace)));
  return found;
}

function computeDjangoContainers(workload: Workload, workspace: WorkspaceQueries): DjangoContainer[] {
  const lookup = workspace.filesNamed?.bind(workspace);
  if (!lookup) return [];
  const out: DjangoContainer[] = [];
  for (const container of workload.containers) {
    if (!mayRunDjango(container)) continue;
    const workers = effectiveWorkers(container, workload, workspace);
    const process = workers.process;
    // Only containers that visibly run gunicorn (or carry the seed's variables) are Django app containers.
    if (!process || !(process.containerInvocation || process.fileInvocation || workers.count !== undefined)) continue;
    const settings = settingsFor(process, workload.doc.file.uri, lookup);
    out.push({
      container,
      workers,
      settings,
      range: settings ? findSetting(settings.file, RANGE, lookup) : undefined,
      port: settings ? findSetting(settings.file, PORT, lookup) : undefined,
    });
  }
  return out;
}

/** A cheap first test: sidecars and databases carry neither a command nor an environment that mentions gunicorn or Django. */
function mayRunDjango(container: Container): boolean {
  if (container.env.some((e) => /^(WEB_CONCURRENCY|METRICS_START_PORT|DJANGO_SETTINGS_MODULE|GUNICORN_CMD_ARGS)$/.test(e.name))) return true;
  if ([...container.command, ...container.args].some((c) => /gunicorn/.test(c.value))) return true;
  // No command of its own: the image's command decides, so the Dockerfile/Procfile must be read.
  return container.command.length === 0 && container.args.length === 0;
}

export function settingTarget(setting: ExportSetting, span?: Span): Target {
  return { uri: setting.file.uri, range: setting.source.range(span ?? setting.binding.stmt) };
}

/**
 * The related places of a finding about a container's worker count: the
 * container, and where the count is set when known (another file, or the
 * container's own WEB_CONCURRENCY value or --workers flag).
 */
export function workerCountRelated(workload: Workload, d: DjangoContainer): RelatedInput[] {
  const setAt: Target | undefined = d.workers.at ?? (d.workers.span ? { doc: workload.doc, span: d.workers.span } : undefined);
  return [
    { at: { doc: workload.doc, span: d.container.name?.span ?? workload.anchor }, message: `${d.workers.count} workers` },
    ...(setAt ? [{ at: setAt, message: `the worker count is set here (${d.workers.source})` }] : []),
  ];
}

export function containerLabel(workload: Workload, container: Container): string {
  return `${workload.kind} "${workload.name}", container "${container.name?.value ?? '?'}"`;
}
