import type { Monitor } from '../../model/kubernetes';
import { describeSelector } from '../../workspace/selectors';
import { defineObjectRule } from '../types';
import { allowedNamespaces, selectsNoService, servicesInWatchedNamespaces } from './namespaces';

export default defineObjectRule<Monitor>({
  id: 'monitoring/servicemonitor-selector-no-match',
  severity: 'error',
  appliesTo: ['servicemonitor'],
  docs: {
    summary: 'The ServiceMonitor selector matches no Service, although the workspace defines Services in the namespaces it watches.',
    why: 'A ServiceMonitor that selects nothing produces no scrape targets and no error anywhere. With the namespace\'s Services in the workspace, a non-matching selector is almost always a label typo.',
    bad: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: wbe\n  endpoints:\n    - port: http\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n',
    good: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n    - port: http\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n',
  },
  check({ object, workspace, report }) {
    if (!selectsNoService(object, workspace)) return;
    if (workspace.workloadsSelectedBy(object).selected.length > 0) return;
    if (servicesInWatchedNamespaces(object, workspace) === 0) return;
    report({
      at: { doc: object.doc, span: object.selectorSpan },
      message: `Selector ${describeSelector(object.selector)} matches no Service in ${allowedNamespaces(object)}; this ServiceMonitor scrapes nothing. Check the Service's metadata.labels.`,
    });
  },
});
