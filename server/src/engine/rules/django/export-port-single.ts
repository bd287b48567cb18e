import { settingValue } from '../../django/settings';
import type { Workload } from '../../model/kubernetes';
import { pyTruthy } from '../../python/dictEval';
import { defineObjectRule } from '../types';
import { containerLabel, djangoContainers, settingTarget, workerCountRelated } from './common';

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: django\n          image: app\n          args: ["gunicorn", "proj.wsgi"]\n          env:\n            - name: WEB_CONCURRENCY\n              value: "3"\n';

export default defineObjectRule<Workload>({
  id: 'django/export-port-single',
  severity: 'error',
  appliesTo: ['workload'],
  docs: {
    summary: 'PROMETHEUS_METRICS_EXPORT_PORT (one port, no range) is set while the container runs more than one gunicorn worker.',
    why: 'Every gunicorn worker runs django-prometheus\' exporter setup. With a single PROMETHEUS_METRICS_EXPORT_PORT the first worker binds it and every other worker fails to bind the same port, so their metrics are never exported and each scrape shows one worker\'s counters. Use PROMETHEUS_METRICS_EXPORT_PORT_RANGE with one port per worker (and scrape each), or run one worker.',
    exampleFile: 'deployment.yaml',
    bad: DEPLOYMENT,
    good: DEPLOYMENT.replace('value: "3"', 'value: "1"'),
    otherFiles: {
      'proj/settings.py': 'PROMETHEUS_METRICS_EXPORT_PORT = 8001\n',
      'proj/wsgi.py': 'import os\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n',
    },
  },
  check({ object, workspace, report }) {
    for (const d of djangoContainers(object, workspace)) {
      const n = d.workers.count;
      if (!d.port || !d.settings || n === undefined || n <= 1) continue;
      const env = d.workers.process!.env;
      if (d.range && pyTruthy(settingValue(d.range, env)) !== false) continue;
      const port = settingValue(d.port, env);
      if (pyTruthy(port) !== true) continue;
      report({
        at: settingTarget(d.port),
        message: `PROMETHEUS_METRICS_EXPORT_PORT is one port${port.k === 'int' ? ` (${port.v})` : ''}, but ${containerLabel(object, d.container)} runs ${n} gunicorn workers (${d.workers.source}): the first binds it and the other ${n - 1} fail to, so their metrics are never exported. Use PROMETHEUS_METRICS_EXPORT_PORT_RANGE with ${n} ports. (Settings: ${d.settings.label}, ${d.settings.why}.)`,
        related: workerCountRelated(object, d),
        data: { workers: n },
      });
    }
  },
});
