import type { ContainerPort, Workload } from '../../model/kubernetes';
import { defineObjectRule } from '../types';

export default defineObjectRule<Workload>({
  id: 'k8s/container-port-duplicate',
  severity: 'error',
  appliesTo: ['workload'],
  docs: {
    summary: 'Port names, and port number/protocol pairs, must be unique within a container.',
    why: 'The API server rejects a container that declares one port name twice. The same number declared twice under two names makes a named targetPort ambiguous to the reader and is almost always a copy-paste slip in a numbered metrics block.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n        - name: metrics-1\n          containerPort: 5002\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n        - name: metrics-2\n          containerPort: 5002\n',
  },
  check({ object, report }) {
    for (const container of object.containers) {
      const byName = new Map<string, ContainerPort>();
      const byNumber = new Map<string, ContainerPort>();
      for (const port of container.ports) {
        const name = port.name?.value;
        if (typeof name === 'string' && port.name) {
          const first = byName.get(name);
          if (first) {
            report({
              at: { doc: object.doc, span: port.name.span },
              message: `Port name "${name}" is declared twice in container "${container.name?.value ?? '?'}"; names must be unique.`,
              related: [{ at: { doc: object.doc, span: first.name!.span }, message: `first "${name}"` }],
            });
          } else byName.set(name, port);
        }
        if (port.number !== undefined && port.containerPort) {
          const key = `${port.number}/${port.protocol}`;
          const first = byNumber.get(key);
          if (first) {
            report({
              at: { doc: object.doc, span: port.containerPort.span },
              message: `containerPort ${port.number}/${port.protocol} is declared twice in container "${container.name?.value ?? '?'}"${typeof first.name?.value === 'string' ? ` (already as "${first.name.value}")` : ''}.`,
              related: [{ at: { doc: object.doc, span: first.containerPort!.span }, message: `first ${port.number}/${port.protocol}` }],
            });
          } else byNumber.set(key, port);
        }
      }
    }
  },
});
