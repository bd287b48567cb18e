import { settingsFor, SettingsChoice } from '../../django/locate';
import { ExportSetting, findSetting, PORT, RANGE } from '../../django/settings';
import { effectiveWorkers, EffectiveWorkers } from '../../gunicorn/effective';
import type { Span } from '../../python/ast';
import type { Container, Workload } from '../../model/kubernetes';
import type { Target, WorkspaceQueries } from '../types';

export interface DjangoContainer {
  container: Container;
  workers: EffectiveWorkers;
  settings?: SettingsChoice;
  range?: ExportSetting;
  port?: ExportSetting;
}

/** The gunicorn containers of a workload with their worker count and Django settings (which file, and why). */
export function djangoContainers(workload: Workload, workspace: WorkspaceQueries): DjangoContainer[] {
  const lookup = workspace.filesNamed?.bind(workspace);
  if (!lookup) return [];
  const out: DjangoContainer[] = [];
  for (const container of workload.containers) {
    const workers = effectiveWorkers(container, workload, workspace);
    if (!workers.process) continue;
    const settings = settingsFor(workers.process, workload.doc.file.uri, lookup);
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

export function settingTarget(setting: ExportSetting, span?: Span): Target {
  return { uri: setting.file.uri, range: setting.source.range(span ?? setting.binding.stmt) };
}

export function containerLabel(workload: Workload, container: Container): string {
  return `${workload.kind} "${workload.name}", container "${container.name?.value ?? '?'}"`;
}
