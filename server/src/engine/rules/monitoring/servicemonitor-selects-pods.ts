import type { Monitor } from '../../model/kubernetes';
import { describeSelector } from '../../workspace/selectors';
import { objectLabel } from '../kubernetes/resolve';
import { defineObjectRule } from '../types';
import { selectsNoService } from './namespaces';

export default defineObjectRule<Monitor>({
  id: 'monitoring/servicemonitor-selects-pods',
  severity: 'error',
  appliesTo: ['servicemonitor'],
  docs: {
    summary: 'The ServiceMonitor selector matches pod labels but no Service labels.',
    why: 'A ServiceMonitor selects Services by the Service\'s own metadata.labels, not the labels of the pods behind it. Copying the pod template labels into the selector when the Service carries other labels scrapes nothing.',
    bad: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n    - port: metrics\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    team: shop\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics\n      port: 9102\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: app\n          ports:\n            - name: metrics\n              containerPort: 9102\n',
    good: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      team: shop\n  endpoints:\n    - port: metrics\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    team: shop\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics\n      port: 9102\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: app\n          ports:\n            - name: metrics\n              containerPort: 9102\n',
  },
  check({ object, workspace, report }) {
    if (!selectsNoService(object, workspace)) return;
    const pods = workspace.workloadsSelectedBy(object).selected;
    if (pods.length === 0) return;
    report({
      at: { doc: object.doc, span: object.selectorSpan },
      message: `Selector ${describeSelector(object.selector)} matches the pods of ${pods.map(objectLabel).join(', ')} but no Service: a ServiceMonitor selects Services by their metadata.labels. Use the Service's labels here (or a PodMonitor).`,
      related: pods.map((w) => ({ at: { doc: w.doc, span: w.anchor }, message: `${objectLabel(w)} (pod labels match)` })),
    });
  },
});
