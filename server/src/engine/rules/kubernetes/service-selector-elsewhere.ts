import type { Service } from '../../model/kubernetes';
import { describeSelector } from '../../workspace/selectors';
import { defineObjectRule } from '../types';

export default defineObjectRule<Service>({
  id: 'k8s/service-selector-elsewhere',
  severity: 'hint',
  appliesTo: ['service'],
  docs: {
    summary: 'The Service selects pods that are not defined in the workspace.',
    why: 'When no workload of the namespace is in the workspace, the pods probably come from elsewhere (another repository, a chart), so the named targetPorts cannot be checked.',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics\n      port: 9102\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics\n      port: 9102\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: app\n          ports:\n            - name: metrics\n              containerPort: 9102\n',
  },
  check({ object, workspace, report }) {
    if (!object.selector || object.selector.size === 0 || !object.selectorSpan) return;
    if (workspace.workloadsSelectedBy(object).length > 0) return;
    if (workspace.workloadCountIn(object.namespace) > 0) return;
    report({
      at: { doc: object.doc, span: object.selectorSpan },
      message: `No workload in namespace ${object.namespace} is defined in the workspace, so the pods this selector picks (${describeSelector(object.selector)}) and their ports were not checked.`,
    });
  },
});
