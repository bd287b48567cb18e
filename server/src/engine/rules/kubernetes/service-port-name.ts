import type { Service, ServicePort } from '../../model/kubernetes';
import { defineObjectRule } from '../types';
import { dns1123LabelProblems } from './names';

export default defineObjectRule<Service>({
  id: 'k8s/service-port-name',
  severity: 'error',
  appliesTo: ['service'],
  docs: {
    summary: 'Service port names are DNS-1123 labels (up to 63 characters), required when the Service has more than one port, and unique.',
    why: 'The API server rejects a Service whose ports are unnamed (when there are several), duplicated or invalid. A ServiceMonitor endpoint refers to a Service port only by this name.',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n    - port: 5001\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n    - name: metrics-1\n      port: 5001\n',
  },
  check({ object, report }) {
    const seen = new Map<string, ServicePort>();
    for (const port of object.ports) {
      if (!port.name || port.name.value === null || port.name.value === '') {
        if (object.ports.length > 1) {
          report({ at: { doc: object.doc, span: port.span }, message: `Service ${object.name} has ${object.ports.length} ports, so every port needs a name.` });
        }
        continue;
      }
      const name = port.name.value;
      if (typeof name !== 'string') continue; // k8s/field-type reports a name that is not a string.
      const problems = dns1123LabelProblems(name);
      if (problems.length) {
        report({ at: { doc: object.doc, span: port.name.span }, message: `Service port name "${name}" is not a valid DNS-1123 label: it ${problems.join(', ')}.` });
      }
      const first = seen.get(name);
      if (first) {
        report({
          at: { doc: object.doc, span: port.name.span },
          message: `Service port name "${name}" is used twice; names must be unique.`,
          related: [{ at: { doc: object.doc, span: first.name!.span }, message: `first "${name}"` }],
        });
      } else seen.set(name, port);
    }
  },
});
