import type { Monitor } from '../../model/kubernetes';
import { describeSelector, monitorNamespaces } from '../../workspace/selectors';
import { objectLabel } from '../kubernetes/resolve';
import { defineObjectRule } from '../types';

function allowedNamespaces(monitor: Monitor): string {
  const namespaces = monitorNamespaces(monitor);
  return namespaces === 'any' ? 'any namespace' : namespaces.length === 1 ? `namespace ${namespaces[0]}` : `namespaces ${namespaces.join(', ')}`;
}

export const serviceMonitorNamespace = defineObjectRule<Monitor>({
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

export const serviceMonitorSelectsPods = defineObjectRule<Monitor>({
  id: 'monitoring/servicemonitor-selects-pods',
  severity: 'error',
  appliesTo: ['servicemonitor'],
  docs: {
    summary: 'The ServiceMonitor selector matches pod labels but no Service labels.',
    why: 'A ServiceMonitor selects Services by the Service\'s own metadata.labels, not the labels of the pods behind it. Copying the pod template labels into the selector when the Service carries other labels scrapes nothing.',
  },
  check({ object, workspace, report }) {
    if (!object.selector || !object.selectorSpan) return;
    const { selected, excluded } = workspace.servicesSelectedBy(object);
    if (selected.length > 0 || excluded.length > 0) return;
    const pods = workspace.workloadsSelectedBy(object).selected;
    if (pods.length === 0) return;
    report({
      at: { doc: object.doc, span: object.selectorSpan },
      message: `Selector ${describeSelector(object.selector)} matches the pods of ${pods.map(objectLabel).join(', ')} but no Service: a ServiceMonitor selects Services by their metadata.labels. Use the Service's labels here (or a PodMonitor).`,
      related: pods.map((w) => ({ at: { doc: w.doc, span: w.anchor }, message: `${objectLabel(w)} (pod labels match)` })),
    });
  },
});

export const serviceMonitorSelectorNoMatch = defineObjectRule<Monitor>({
  id: 'monitoring/servicemonitor-selector-no-match',
  severity: 'error',
  appliesTo: ['servicemonitor'],
  docs: {
    summary: 'The ServiceMonitor selector matches no Service, although the workspace defines Services in the namespaces it watches.',
    why: 'A ServiceMonitor that selects nothing produces no scrape targets and no error anywhere. With the namespace\'s Services in the workspace, a non-matching selector is almost always a label typo.',
    bad: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: wbe\n  endpoints:\n    - port: http\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n',
  },
  check({ object, workspace, report }) {
    if (!object.selector || !object.selectorSpan) return;
    const { selected, excluded } = workspace.servicesSelectedBy(object);
    if (selected.length > 0 || excluded.length > 0) return;
    if (workspace.workloadsSelectedBy(object).selected.length > 0) return;
    const namespaces = monitorNamespaces(object);
    const servicesThere = namespaces === 'any' ? 1 : namespaces.reduce((n, ns) => n + workspace.serviceCountIn(ns), 0);
    if (servicesThere === 0) return;
    report({
      at: { doc: object.doc, span: object.selectorSpan },
      message: `Selector ${describeSelector(object.selector)} matches no Service in ${allowedNamespaces(object)}; this ServiceMonitor scrapes nothing. Check the Service's metadata.labels.`,
    });
  },
});

export const serviceMonitorSelectorElsewhere = defineObjectRule<Monitor>({
  id: 'monitoring/servicemonitor-selector-elsewhere',
  severity: 'hint',
  appliesTo: ['servicemonitor'],
  docs: {
    summary: 'The ServiceMonitor watches namespaces whose Services are not in the workspace.',
    why: 'Its endpoints cannot be checked against the Services; they probably live in another repository.',
  },
  check({ object, workspace, report }) {
    if (!object.selector || !object.selectorSpan) return;
    const { selected, excluded } = workspace.servicesSelectedBy(object);
    if (selected.length > 0 || excluded.length > 0) return;
    if (workspace.workloadsSelectedBy(object).selected.length > 0) return;
    const namespaces = monitorNamespaces(object);
    if (namespaces === 'any' || namespaces.reduce((n, ns) => n + workspace.serviceCountIn(ns), 0) > 0) return;
    report({
      at: { doc: object.doc, span: object.selectorSpan },
      message: `No Service in ${allowedNamespaces(object)} is defined in the workspace, so the Services this selector picks and their ports were not checked.`,
    });
  },
});
