import type { Workload } from '../../model/kubernetes';
import { defineObjectRule } from '../types';
import { GUNICORN_ARGS_ENV, WORKERS_ENV, workerSetup } from './analysis';
import { fixesOf } from '../../fixes/text';
import { workerOverrideFix } from '../../fixes/ruleFixes';

export default defineObjectRule<Workload>({
  id: 'wiring/worker-count-override',
  severity: 'warning',
  appliesTo: ['workload'],
  fix: 'sometimes',
  docs: {
    summary: 'The worker count is set with --workers/-w (command, args or GUNICORN_CMD_ARGS), overriding WEB_CONCURRENCY.',
    why: 'gunicorn reads WEB_CONCURRENCY only when no --workers is given. Settings derive the metrics port range from WEB_CONCURRENCY, so a --workers that differs leaves workers without ports (or ports without workers). Set the count in WEB_CONCURRENCY only, or pass --workers=$(WEB_CONCURRENCY).',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: django\n      image: app\n      args: ["gunicorn", "--workers", "4", "app.wsgi"]\n      env:\n        - name: WEB_CONCURRENCY\n          value: "2"\n        - name: METRICS_START_PORT\n          value: "5001"\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: django\n      image: app\n      args: ["gunicorn", "--workers=$(WEB_CONCURRENCY)", "app.wsgi"]\n      env:\n        - name: WEB_CONCURRENCY\n          value: "2"\n        - name: METRICS_START_PORT\n          value: "5001"\n',
  },
  check({ object, report }) {
    for (const container of object.containers) {
      const setup = workerSetup(container, object.doc.text);
      if (!setup) continue;
      const envValue = container.env.find((e) => e.name === WORKERS_ENV)?.value?.value;
      for (const override of setup.overrides) {
        const place = override.where === GUNICORN_ARGS_ENV ? `${GUNICORN_ARGS_ENV}` : `the container ${override.where}`;
        const effect = override.count === undefined ? `sets an unknown worker count ("${override.text}")` : `sets ${override.count} worker${override.count === 1 ? '' : 's'}`;
        report({
          at: { doc: object.doc, span: override.span },
          message: `--workers in ${place} ${effect} and overrides ${WORKERS_ENV}${envValue !== undefined ? ` (${envValue})` : ''}; the metrics port range follows ${WORKERS_ENV}. Set the count only in ${WORKERS_ENV}, or use --workers=$(${WORKERS_ENV}).`,
          fixes: fixesOf(workerOverrideFix(object.doc, override, /^\d+$/.test(String(envValue ?? '').trim()) ? Number(String(envValue).trim()) : undefined)),
        });
      }
    }
  },
});
