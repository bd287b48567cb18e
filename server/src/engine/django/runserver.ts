import { pyTruthy } from '../python/dictEval';
import { pythonSource, PythonSource } from '../python/source';
import type { IndexedFile } from '../workspace/index';
import { relativeLabel } from '../gunicorn/process';
import { defaultSettingsModule, ExportSetting, findSetting, PORT, RANGE, settingValue } from './settings';

export interface RunserverUse {
  setting: ExportSetting;
  source: PythonSource;
  manage: IndexedFile;
  manageSource: PythonSource;
  manageLabel: string;
  module: string;
  defaultSpan: { from: number; to: number };
}

/**
 * Whether a settings file that sets django-prometheus' export port(s) is the
 * one `manage.py` (and so `manage.py runserver`) uses by default: the module
 * its `os.environ.setdefault("DJANGO_SETTINGS_MODULE", …)` names, resolved
 * from manage.py's directory (`proj.settings` → proj/settings.py or
 * proj/settings/__init__.py).
 */
export function runserverUse(file: IndexedFile, manageFiles: Iterable<IndexedFile>): RunserverUse | undefined {
  if (file.kind !== 'python' || (!file.text.includes(RANGE) && !file.text.includes(PORT))) return undefined;
  const setting = [findSetting(file, RANGE), findSetting(file, PORT)].find((s) => s && !s.binding.conditional && pyTruthy(settingValue(s)) !== false);
  if (!setting || setting.source.inError(setting.binding.stmt)) return undefined;
  for (const manage of manageFiles) {
    const found = defaultSettingsModule(manage);
    if (!found) continue;
    const dir = manage.uri.slice(0, manage.uri.lastIndexOf('/'));
    const path = found.module.split('.').join('/');
    if (file.uri !== `${dir}/${path}.py` && file.uri !== `${dir}/${path}/__init__.py`) continue;
    return {
      setting,
      source: pythonSource(file),
      manage,
      manageSource: pythonSource(manage),
      manageLabel: relativeLabel(file.uri, manage.uri),
      module: found.module,
      defaultSpan: found.span,
    };
  }
  return undefined;
}
