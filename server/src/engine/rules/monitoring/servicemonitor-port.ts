import type { Monitor, Service } from '../../model/kubernetes';
import { describeValue } from '../kubernetes/names';
import { findNamedPort, objectLabel } from '../kubernetes/resolve';
import { defineObjectRule } from '../types';
import { endpointPortFixes } from '../../fixes/ruleFixes';

export default defineObjectRule<Monitor>({
  id: 'monitoring/servicemonitor-port',
  severity: 'error',
  appliesTo: ['servicemonitor'],
  fix: 'sometimes',
  docs: {
    summary: 'Each ServiceMonitor endpoint names a port of the Services it selects (`port`, a string), or a targetPort that resolves in their pods.',
    why: 'prometheus-operator keeps only the Endpoints whose port name equals `port`. A name the Service does not have yields no target at all: the worker behind it is silently never scraped.',
    bad: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n    - port: metrics1\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics-1\n      port: 5001\n',
    good: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n    - port: metrics-1\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics-1\n      port: 5001\n',
  },
  check({ object, workspace, report }) {
    const { selected } = workspace.servicesSelectedBy(object);
    for (const endpoint of object.endpoints) {
      if (!endpoint.port && !endpoint.targetPort) {
        report({ at: { doc: object.doc, span: endpoint.span }, message: 'Endpoint has neither `port` nor `targetPort`; name the Service port to scrape.' });
        continue;
      }
      if (endpoint.port) {
        const name = endpoint.port.value;
        if (typeof name !== 'string') {
          report({
            at: { doc: object.doc, span: endpoint.port.span },
            message: `Endpoint port must be the *name* of a Service port (a string), not ${describeValue(name)}; to scrape a port by number use targetPort.`,
          });
          continue;
        }
        for (const service of selected) {
          if (service.ports.some((p) => p.name?.value === name)) continue;
          report({
            at: { doc: object.doc, span: endpoint.port.span },
            message: `${objectLabel(service)} has no port named "${name}"; this endpoint scrapes nothing there.${portList(service)}`,
            related: [{ at: { doc: service.doc, span: service.portsSpan ?? service.anchor }, message: `ports of ${objectLabel(service)}` }],
            fixes: endpointPortFixes(object, endpoint, selected),
          });
        }
      } else if (endpoint.targetPort && typeof endpoint.targetPort.value === 'string') {
        const name = endpoint.targetPort.value;
        for (const service of selected) {
          for (const workload of workspace.workloadsSelectedBy(service)) {
            if (findNamedPort(workload, name, 'TCP')) continue;
            report({
              at: { doc: object.doc, span: endpoint.targetPort.span },
              message: `targetPort "${name}" does not resolve in ${objectLabel(workload)} (selected by ${objectLabel(service)}): no container port has that name.`,
              related: [{ at: { doc: workload.doc, span: workload.anchor }, message: objectLabel(workload) }],
            });
          }
        }
      }
    }
  },
});

function portList(service: Service): string {
  const names = service.ports.map((p) => p.name?.value).filter((n): n is string => typeof n === 'string');
  return names.length ? ` Its ports are: ${names.join(', ')}.` : '';
}
