import { findSetting, RANGE, settingValue } from '../../django/settings';
import { findGunicorn } from '../../gunicorn/commandLine';
import { isDockerfileName, parseDockerfile } from '../../gunicorn/dockerfile';
import { fileRange, relativeLabel } from '../../gunicorn/process';
import { isProcfileName, parseProcfile } from '../../gunicorn/procfile';
import { pyTruthy } from '../../python/dictEval';
import { cachedForText } from '../../python/source';
import type { IndexedFile } from '../../workspace/index';
import { defineFileRule, type Target } from '../types';
import { gunicornFile } from './common';

const baseName = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);

/** The settings files of the workspace that export one port per worker. */
function portRangeSettings(files: Iterable<IndexedFile>): { file: IndexedFile; target: Target }[] {
  const out: { file: IndexedFile; target: Target }[] = [];
  for (const file of files) {
    if (file.kind !== 'python' || !file.text.includes(RANGE)) continue;
    const setting = findSetting(file, RANGE);
    if (!setting || setting.binding.conditional || pyTruthy(settingValue(setting)) === false) continue;
    out.push({ file, target: { uri: file.uri, range: setting.source.range(setting.binding.stmt) } });
  }
  return out;
}

export default defineFileRule({
  id: 'gunicorn/preload-per-worker-ports',
  severity: 'error',
  crossFile: {
    reads: (uri) => uri.endsWith('.py'),
    subjects: (uri) => /gunicorn[^/]*\.py$/i.test(baseName(uri)) || isDockerfileName(baseName(uri)) || isProcfileName(baseName(uri)),
  },
  docs: {
    summary: 'gunicorn preloads the app (preload_app = True or --preload) while Django exports one metrics port per worker (PROMETHEUS_METRICS_EXPORT_PORT_RANGE).',
    why: 'With preload_app gunicorn imports the Django app once in the master process and forks the workers from it. django-prometheus starts its port exporter when the app loads, so the exporter binds a port in the master, and the forked workers get no exporter of their own: the requests they serve never show up in any scrape. Turn preload_app off, or export through multiprocess mode instead of per-worker ports.',
    exampleFile: 'gunicorn.conf.py',
    bad: 'workers = 4\npreload_app = True\n',
    good: 'workers = 4\npreload_app = False\n',
    otherFiles: { 'proj/settings.py': 'PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(8001, 8005)\n' },
  },
  check(context) {
    const { file, crossFiles, report } = context;
    let at: Target | undefined;
    let what = '';
    const base = baseName(file.uri);
    if (file.kind === 'text' && (isDockerfileName(base) || isProcfileName(base))) {
      const commands = isDockerfileName(base)
        ? (() => {
            const image = cachedForText(file, 'docker-image', () => parseDockerfile(file.text));
            return [image.entrypoint, image.cmd].filter((c) => c).map((c) => c!.words);
          })()
        : cachedForText(file, 'procfile', () => parseProcfile(file.text)).map((p) => p.words);
      for (const words of commands) {
        const preload = findGunicorn(words)?.preload;
        if (preload) {
          at = { uri: file.uri, range: fileRange(file, preload.from, preload.to) };
          what = '--preload';
        }
      }
    } else {
      const found = gunicornFile(context);
      const setting = found?.config.setting('preload_app');
      if (found && setting && !setting.binding.conditional) {
        const v = setting.value;
        if ((v.k === 'bool' && v.v) || (v.k === 'str' && v.v.toLowerCase() === 'true')) {
          at = { uri: file.uri, range: found.source.range(setting.binding.stmt) };
          what = 'preload_app = True';
        }
      }
    }
    if (!at) return;
    const settings = portRangeSettings(crossFiles?.values() ?? []);
    if (settings.length === 0) return;
    report({
      at,
      message: `${what} loads the Django app once in the gunicorn master and forks the workers from it, so django-prometheus' per-worker exporter (${RANGE} in ${settings.map((s) => relativeLabel(file.uri, s.file.uri)).join(', ')}) binds its port in the master and no worker exports its own metrics. Turn preloading off, or use multiprocess mode instead of per-worker ports.`,
      related: settings.map((s) => ({ at: s.target, message: `${RANGE}: one port per worker` })),
    });
  },
});
