import { settingValue } from '../../django/settings';
import type { Workload } from '../../model/kubernetes';
import { rangeLength } from '../../python/dictEval';
import { defineObjectRule } from '../types';
import { containerLabel, djangoContainers, settingTarget, workerCountRelated } from './common';

const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: django\n          image: app\n          args: ["gunicorn", "proj.wsgi"]\n          env:\n            - name: WEB_CONCURRENCY\n              value: "4"\n            - name: METRICS_START_PORT\n              value: "8001"\n';

export default defineObjectRule<Workload>({
  id: 'django/export-port-range-size',
  severity: 'error',
  appliesTo: ['workload'],
  docs: {
    summary: 'PROMETHEUS_METRICS_EXPORT_PORT_RANGE holds fewer ports than the container runs gunicorn workers.',
    why: 'With PROMETHEUS_METRICS_EXPORT_PORT_RANGE, django-prometheus makes every gunicorn worker bind the first free port of the range for its own /metrics. With N workers the range needs at least N ports; the workers that find no free port log a warning and export nothing, so their requests never reach Prometheus. The range is evaluated with the container\'s environment (the seed\'s range(start_port, start_port + workers) included) against the worker count gunicorn really uses (command line, GUNICORN_CMD_ARGS, the gunicorn config file, WEB_CONCURRENCY).',
    exampleFile: 'deployment.yaml',
    bad: DEPLOYMENT,
    good: DEPLOYMENT.replace('value: "4"', 'value: "2"'),
    otherFiles: {
      'proj/settings.py': 'PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(8001, 8003)\n',
      'proj/wsgi.py': 'import os\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n',
    },
  },
  check({ object, workspace, report }) {
    for (const d of djangoContainers(object, workspace)) {
      const n = d.workers.count;
      if (!d.range || n === undefined || !d.settings) continue;
      const value = settingValue(d.range, d.workers.process!.env);
      const size = value.k === 'range' ? rangeLength(value) : (value.k === 'list' || value.k === 'tuple') && !value.open ? value.items.length : undefined;
      if (size === undefined || size >= n || size === 0) continue;
      const ports = value.k === 'range' && value.step === 1 ? ` (${value.start}–${value.stop - 1})` : '';
      report({
        at: settingTarget(d.range),
        message: `PROMETHEUS_METRICS_EXPORT_PORT_RANGE holds ${size} port${size === 1 ? '' : 's'}${ports}, but ${containerLabel(object, d.container)} runs ${n} gunicorn workers (${d.workers.source}): each worker binds the first free port, so ${n - size} worker${n - size === 1 ? '' : 's'} export no metrics. Make the range hold at least ${n} ports. (Settings: ${d.settings.label}, ${d.settings.why}.)`,
        related: workerCountRelated(object, d),
        data: { ports: size, workers: n },
      });
    }
  },
});
