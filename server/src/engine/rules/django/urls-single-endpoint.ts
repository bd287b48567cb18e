import { SETTINGS_FILE_NAME } from '../../django/locate';
import { PORT, RANGE, settingValue } from '../../django/settings';
import { prometheusUrlIncludes } from '../../django/urls';
import type { Workload } from '../../model/kubernetes';
import { pyTruthy } from '../../python/dictEval';
import { pythonSource } from '../../python/source';
import { defineObjectRule } from '../types';
import { containerLabel, djangoContainers, workerCountRelated } from './common';

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: django\n          image: app\n          args: ["gunicorn", "--workers", "4", "proj.wsgi"]\n';

export default defineObjectRule<Workload>({
  id: 'django/urls-single-endpoint',
  severity: 'warning',
  appliesTo: ['workload'],
  docs: {
    summary: 'urls.py includes django_prometheus.urls while the app runs more than one gunicorn worker and exports no per-worker ports.',
    why: 'Each gunicorn worker keeps its own metrics in its own memory. /metrics served through django_prometheus.urls answers from whichever worker takes the request, so consecutive scrapes see different workers and counters jump up and down. Export one port per worker (PROMETHEUS_METRICS_EXPORT_PORT_RANGE) and scrape each, or use prometheus_client\'s multiprocess mode (PROMETHEUS_MULTIPROC_DIR).',
    exampleFile: 'deployment.yaml',
    bad: DEPLOYMENT,
    good: DEPLOYMENT.replace('"--workers", "4", ', ''),
    otherFiles: {
      'proj/urls.py': 'from django.urls import include, path\n\nurlpatterns = [\n    path("", include("django_prometheus.urls")),\n]\n',
      'proj/settings.py': 'ROOT_URLCONF = "proj.urls"\n',
      'proj/wsgi.py': 'import os\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n',
    },
  },
  check({ object, workspace, report }) {
    if (!workspace.filesNamed) return;
    const urlFiles = workspace.filesNamed(/^urls\.py$/).filter((f) => prometheusUrlIncludes(f).length > 0);
    if (urlFiles.length === 0) return;
    for (const d of djangoContainers(object, workspace)) {
      const n = d.workers.count;
      if (n === undefined || n <= 1) continue;
      const env = d.workers.process!.env;
      if (['PROMETHEUS_MULTIPROC_DIR', 'prometheus_multiproc_dir'].some((v) => env(v) !== undefined)) continue;
      if (d.settings) {
        const exported = [d.range, d.port].some((s) => s && pyTruthy(settingValue(s, env)) !== false);
        if (exported) continue;
      } else if (workspace.filesNamed(SETTINGS_FILE_NAME).some((f) => f.text.includes(RANGE) || f.text.includes(PORT))) {
        // Some settings file exports ports; without knowing which one this container uses, stay quiet.
        continue;
      }
      for (const file of urlFiles) {
        const source = pythonSource(file);
        for (const include of prometheusUrlIncludes(file)) {
          report({
            at: { uri: file.uri, range: source.range(include) },
            message: `/metrics from django_prometheus.urls is answered by one random worker of the ${n} that ${containerLabel(object, d.container)} runs (${d.workers.source}), and no per-worker export ports are set${d.settings ? ` in ${d.settings.label}` : ''}: scrapes hit different workers and counters jump. Set PROMETHEUS_METRICS_EXPORT_PORT_RANGE and scrape each worker, or use multiprocess mode.`,
            related: workerCountRelated(object, d),
            data: { workers: n },
          });
        }
      }
    }
  },
});
