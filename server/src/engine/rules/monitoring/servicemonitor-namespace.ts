import type { Monitor } from '../../model/kubernetes';
import { objectLabel } from '../kubernetes/resolve';
import { defineObjectRule } from '../types';
import { allowedNamespaces } from './namespaces';

export default defineObjectRule<Monitor>({
  id: 'monitoring/servicemonitor-namespace',
  severity: 'error',
  appliesTo: ['servicemonitor'],
  docs: {
    summary: 'The ServiceMonitor selector matches a Service in a namespace its namespaceSelector excludes.',
    why: 'prometheus-operator looks for Services only in the namespaces the namespaceSelector allows: by default the ServiceMonitor\'s own namespace. A Service elsewhere with matching labels is never scraped.',
    bad: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\n  namespace: monitoring\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n    - port: http\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n',
    good: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\n  namespace: monitoring\nspec:\n  selector:\n    matchLabels:\n      app: web\n  namespaceSelector:\n    matchNames:\n      - shop\n  endpoints:\n    - port: http\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n',
  },
  check({ object, workspace, report }) {
    if (!object.selector || !object.selectorSpan) return;
    const { selected, excluded } = workspace.servicesSelectedBy(object);
    if (selected.length > 0 || excluded.length === 0) return;
    const namespaces = [...new Set(excluded.map((s) => s.namespace))];
    report({
      at: { doc: object.doc, span: object.namespaceSelector.span ?? object.selectorSpan },
      message: `The selector matches ${excluded.map(objectLabel).join(', ')}, but the namespaceSelector allows only ${allowedNamespaces(object)}; add ${namespaces.join(', ')} to namespaceSelector.matchNames.`,
      related: excluded.map((s) => ({ at: { doc: s.doc, span: s.anchor }, message: `${objectLabel(s)} (labels match)` })),
    });
  },
});
