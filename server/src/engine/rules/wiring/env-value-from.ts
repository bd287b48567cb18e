import type { Workload } from '../../model/kubernetes';
import { defineObjectRule } from '../types';
import { workerSetup } from './analysis';

export default defineObjectRule<Workload>({
  id: 'wiring/env-value-from',
  severity: 'info',
  appliesTo: ['workload'],
  docs: {
    summary: 'WEB_CONCURRENCY or METRICS_START_PORT comes from valueFrom, so the worker wiring cannot be checked.',
    why: 'A value from a ConfigMap, Secret or field reference is only known in the cluster. obsconf says so once instead of guessing the worker count.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: django\n      image: app\n      env:\n        - name: WEB_CONCURRENCY\n          valueFrom:\n            configMapKeyRef:\n              name: app-config\n              key: workers\n        - name: METRICS_START_PORT\n          value: "5001"\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n        - name: metrics-2\n          containerPort: 5002\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: django\n      image: app\n      env:\n        - name: WEB_CONCURRENCY\n          value: "2"\n        - name: METRICS_START_PORT\n          value: "5001"\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n        - name: metrics-2\n          containerPort: 5002\n',
  },
  check({ object, report }) {
    for (const container of object.containers) {
      const setup = workerSetup(container, object.doc.text);
      for (const unknown of setup?.unknown ?? []) {
        report({
          at: { doc: object.doc, span: unknown.span },
          message: `${unknown.name} is set with valueFrom, so its value is only known in the cluster; the per-worker metrics ports of container "${container.name?.value ?? '?'}" were not checked.`,
        });
      }
    }
  },
});
