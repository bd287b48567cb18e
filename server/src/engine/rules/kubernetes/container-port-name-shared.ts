import type { Workload } from '../../model/kubernetes';
import { defineObjectRule } from '../types';
import type { Span } from '../../documents/yamlAccess';

export default defineObjectRule<Workload>({
  id: 'k8s/container-port-name-shared',
  severity: 'warning',
  appliesTo: ['workload'],
  docs: {
    summary: 'A port name is declared by more than one container of the same pod.',
    why: 'A Service with a named targetPort resolves the name to the first container that declares it; the port of the second container is never reached through the name.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: web\n      image: app\n      ports:\n        - name: metrics\n          containerPort: 5001\n    - name: sidecar\n      image: proxy\n      ports:\n        - name: metrics\n          containerPort: 9102\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: web\n      image: app\n      ports:\n        - name: metrics\n          containerPort: 5001\n    - name: sidecar\n      image: proxy\n      ports:\n        - name: proxy-metrics\n          containerPort: 9102\n',
  },
  check({ object, report }) {
    const firstContainer = new Map<string, { container: string; span: Span }>();
    for (const container of object.containers) {
      const seenHere = new Set<string>();
      for (const port of container.ports) {
        const name = port.name?.value;
        if (typeof name !== 'string' || !port.name || seenHere.has(name)) continue;
        seenHere.add(name);
        const first = firstContainer.get(name);
        const containerName = container.name?.value ?? '?';
        if (first) {
          report({
            at: { doc: object.doc, span: port.name.span },
            message: `Port name "${name}" is also declared by container "${first.container}"; a Service targetPort "${name}" resolves to that one, never to this port of "${containerName}".`,
            related: [{ at: { doc: object.doc, span: first.span }, message: `"${name}" in container "${first.container}"` }],
          });
        } else firstContainer.set(name, { container: containerName, span: port.name.span });
      }
    }
  },
});
