import type { GunicornProcess } from '../gunicorn/process';
import { relativeLabel } from '../gunicorn/process';
import type { IndexedFile } from '../workspace/index';
import { defaultSettingsModule, FileLookup, moduleFile, PORT, RANGE, SETTINGS_ENV } from './settings';

/**
 * The Django settings module a container's gunicorn process runs with:
 * DJANGO_SETTINGS_MODULE from its environment, else the default the WSGI
 * module gunicorn loads sets (`proj.wsgi:application` → proj/wsgi.py's
 * `os.environ.setdefault(…)`), else the default of the project's only
 * wsgi.py, else the only settings file that configures django-prometheus'
 * export ports. Each choice says why it was taken.
 */
/**
 * Base names settings modules have (settings.py, settings_prod.py, and the
 * modules of a settings package): the files the last fallback reads, kept
 * narrow so that editing a view does not re-check every manifest.
 */
export const SETTINGS_FILE_NAME = /settings[\w-]*\.py$|^(?:base|common|default|defaults|prod|production|dev|development|local|staging|test|tests)\.py$/i;

export interface SettingsChoice {
  file: IndexedFile;
  why: string;
  label: string;
}

export function settingsFor(process: GunicornProcess, manifestUri: string, lookup: FileLookup): SettingsChoice | undefined {
  const take = (file: IndexedFile | undefined, why: string): SettingsChoice | undefined => (file ? { file, why, label: relativeLabel(manifestUri, file.uri) } : undefined);
  const fromEnv = process.env(SETTINGS_ENV);
  const inImage = process.dockerfile?.image.env.get(SETTINGS_ENV)?.value === fromEnv;
  const where = inImage && process.dockerfile ? `the ENV of ${process.dockerfile.label}` : "the container's environment";
  if (typeof fromEnv === 'string' && fromEnv) return take(moduleFile(lookup, fromEnv), `${SETTINGS_ENV}=${fromEnv} in ${where}`);
  if (fromEnv === null) return undefined;
  const app = (process.containerInvocation ?? process.fileInvocation)?.app?.text;
  if (app) {
    const wsgi = moduleFile(lookup, app.split(':')[0]);
    const setting = wsgi ? defaultSettingsModule(wsgi) : undefined;
    if (wsgi && setting) return take(moduleFile(lookup, setting.module), `the ${SETTINGS_ENV} default in ${relativeLabel(manifestUri, wsgi.uri)}, the module gunicorn loads (${app})`);
  }
  const defaults = new Map<string, IndexedFile>();
  for (const wsgi of lookup(/^[wa]sgi\.py$/)) {
    const setting = defaultSettingsModule(wsgi);
    if (setting) defaults.set(setting.module, wsgi);
  }
  if (defaults.size === 1) {
    const [[module, wsgi]] = [...defaults];
    const file = moduleFile(lookup, module);
    if (file) return take(file, `the ${SETTINGS_ENV} default in ${relativeLabel(manifestUri, wsgi.uri)}`);
  }
  const exporting = lookup(SETTINGS_FILE_NAME).filter((f) => f.kind === 'python' && (f.text.includes(RANGE) || f.text.includes(PORT)) && /^\s*PROMETHEUS_METRICS_EXPORT_PORT(?:_RANGE)?\s*=/m.test(f.text));
  if (exporting.length === 1) return take(exporting[0], `the only settings file that sets ${RANGE} or ${PORT}`);
  return undefined;
}
