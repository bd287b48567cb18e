import type { Workload } from '../../model/kubernetes';
import { defineObjectRule } from '../types';
import { ianaSvcNameProblems } from './names';

export default defineObjectRule<Workload>({
  id: 'k8s/container-port-name',
  severity: 'error',
  appliesTo: ['workload'],
  docs: {
    summary: 'A container port name must be an IANA_SVC_NAME: 1–15 characters of a-z, 0-9 and "-", with at least one letter.',
    why: 'The API server rejects the whole workload when a port name is invalid. A Service targetPort or a ServiceMonitor refers to ports by these names, so a name longer than 15 characters (easy with "metrics-" prefixes) breaks the chain before it starts.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app\n      ports:\n        - name: django-metrics-10\n          containerPort: 5010\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app\n      ports:\n        - name: metrics-10\n          containerPort: 5010\n',
  },
  check({ object, report }) {
    for (const container of object.containers) {
      for (const port of container.ports) {
        if (!port.name) continue;
        const name = port.name.value;
        if (typeof name !== 'string') continue; // k8s/field-type reports a name that is not a string.
        const problems = ianaSvcNameProblems(name);
        if (problems.length) {
          report({
            at: { doc: object.doc, span: port.name.span },
            message: `Container port name "${name}" is not a valid IANA_SVC_NAME: it ${problems.join(', ')}.`,
          });
        }
      }
    }
  },
});
