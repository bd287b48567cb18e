import type { Monitor, Workload } from '../../model/kubernetes';
import { describeValue } from '../kubernetes/names';
import { objectLabel } from '../kubernetes/resolve';
import { defineObjectRule } from '../types';
import { fixesOf } from '../../fixes/text';
import { containerPortNameFix } from '../../fixes/ruleFixes';

export default defineObjectRule<Monitor>({
  id: 'monitoring/podmonitor-port',
  severity: 'error',
  appliesTo: ['podmonitor'],
  fix: 'sometimes',
  docs: {
    summary: 'Each PodMonitor podMetricsEndpoints[].port names a container port of the pods it selects.',
    why: 'prometheus-operator keeps only the container ports whose name equals `port`; any other name produces no target.',
    bad: 'apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  podMetricsEndpoints:\n    - port: metrics1\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: app\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n',
    good: 'apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  podMetricsEndpoints:\n    - port: metrics-1\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: app\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n',
  },
  check({ object, workspace, report }) {
    const pods = workspace.workloadsSelectedBy(object).selected;
    for (const endpoint of object.endpoints) {
      if (!endpoint.port) continue;
      const name = endpoint.port.value;
      if (typeof name !== 'string') {
        report({ at: { doc: object.doc, span: endpoint.port.span }, message: `PodMonitor port must be a container port name (a string), not ${describeValue(name)}.` });
        continue;
      }
      for (const workload of pods) {
        if (hasPortNamed(workload, name)) continue;
        report({
          at: { doc: object.doc, span: endpoint.port.span },
          message: `The pods of ${objectLabel(workload)} have no container port named "${name}"; this endpoint scrapes nothing there.`,
          related: [{ at: { doc: workload.doc, span: workload.anchor }, message: objectLabel(workload) }],
          fixes: fixesOf(containerPortNameFix(object.doc, endpoint.port, [workload], 'Change port to')),
        });
      }
    }
  },
});

function hasPortNamed(workload: Workload, name: string): boolean {
  return workload.containers.some((c) => c.ports.some((p) => p.name?.value === name));
}
