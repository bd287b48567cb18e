import type { Service } from '../../model/kubernetes';
import { describeSelector } from '../../workspace/selectors';
import { defineObjectRule } from '../types';

export default defineObjectRule<Service>({
  id: 'k8s/service-selector-no-match',
  severity: 'error',
  appliesTo: ['service'],
  docs: {
    summary: 'The Service selector matches no workload, although the workspace defines workloads in its namespace.',
    why: 'A Service whose selector matches no pod has no endpoints: every port, every ServiceMonitor endpoint on it scrapes nothing. When the namespace\'s workloads are in the workspace, a non-matching selector is almost always a label typo.',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector:\n    app: wbe\n  ports:\n    - name: http\n      port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: app\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: app\n',
  },
  check({ object, workspace, report }) {
    if (!object.selector || object.selector.size === 0 || !object.selectorSpan) return;
    if (workspace.workloadsSelectedBy(object).length > 0) return;
    if (workspace.workloadCountIn(object.namespace) === 0) return;
    report({
      at: { doc: object.doc, span: object.selectorSpan },
      message: `Selector ${describeSelector(object.selector)} matches no workload in namespace ${object.namespace}, though the workspace defines workloads there: the Service has no endpoints. Check the pod template labels.`,
    });
  },
});
