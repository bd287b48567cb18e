import type { Monitor } from '../../model/kubernetes';
import { defineObjectRule } from '../types';
import { allowedNamespaces, selectsNoService, servicesInWatchedNamespaces } from './namespaces';

export default defineObjectRule<Monitor>({
  id: 'monitoring/servicemonitor-selector-elsewhere',
  severity: 'hint',
  appliesTo: ['servicemonitor'],
  docs: {
    summary: 'The ServiceMonitor watches namespaces whose Services are not in the workspace.',
    why: 'Its endpoints cannot be checked against the Services; they probably live in another repository.',
    bad: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n    - port: metrics\n',
    good: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n    - port: metrics\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics\n      port: 9102\n',
  },
  check({ object, workspace, report }) {
    if (!selectsNoService(object, workspace)) return;
    if (workspace.workloadsSelectedBy(object).selected.length > 0) return;
    if (servicesInWatchedNamespaces(object, workspace) > 0) return;
    report({
      at: { doc: object.doc, span: object.selectorSpan },
      message: `No Service in ${allowedNamespaces(object)} is defined in the workspace, so the Services this selector picks and their ports were not checked.`,
    });
  },
});
