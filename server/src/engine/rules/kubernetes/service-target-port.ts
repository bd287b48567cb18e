import type { Service } from '../../model/kubernetes';
import { defineObjectRule, RelatedInput } from '../types';
import { fixesOf } from '../../fixes/text';
import { containerPortNameFix, unquoteNumberFix } from '../../fixes/ruleFixes';
import { ianaSvcNameProblems } from './names';
import { findNamedPort, findNameOtherProtocol, objectLabel } from './resolve';

export default defineObjectRule<Service>({
  id: 'k8s/service-target-port',
  severity: 'error',
  appliesTo: ['service'],
  fix: 'sometimes',
  docs: {
    summary: 'A named targetPort must be a valid port name and resolve, by name and protocol, to a container port of every workload the Service selects.',
    why: 'Kubernetes resolves a named targetPort per pod; when no container port has that name and protocol, the pod is left out of the Service\'s endpoints, and Prometheus never sees it. Nothing warns at apply time.',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics-1\n      port: 5001\n      targetPort: metrics-one\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: app\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics-1\n      port: 5001\n      targetPort: metrics-1\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: app\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n',
  },
  check({ object, workspace, report }) {
    const workloads = workspace.workloadsSelectedBy(object);
    for (const port of object.ports) {
      const target = port.targetPort?.value;
      if (typeof target !== 'string' || !port.targetPort) continue;
      const problems = ianaSvcNameProblems(target);
      if (problems.length) {
        const numeric = /^\d+$/.test(target) ? ` To target port ${target} by number, write it without quotes.` : '';
        report({ at: { doc: object.doc, span: port.targetPort.span }, message: `targetPort "${target}" is not a valid port name: it ${problems.join(', ')}.${numeric}`, fixes: fixesOf(unquoteNumberFix(object.doc, port.targetPort)) });
        continue;
      }
      for (const workload of workloads) {
        if (findNamedPort(workload, target, port.protocol)) continue;
        const otherProtocol = findNameOtherProtocol(workload, target);
        const related: RelatedInput[] = [{ at: { doc: workload.doc, span: workload.anchor }, message: `${objectLabel(workload)} (selected pods)` }];
        if (otherProtocol?.port.name) related.push({ at: { doc: workload.doc, span: otherProtocol.port.name.span }, message: `"${target}" is ${otherProtocol.port.protocol}` });
        const names = workload.containers.flatMap((c) => c.ports.map((p) => p.name?.value)).filter((n): n is string => typeof n === 'string');
        const suggestion = otherProtocol
          ? ` It exists there with protocol ${otherProtocol.port.protocol}; set protocol: ${otherProtocol.port.protocol} on this Service port or fix the container port.`
          : names.length
            ? ` Its container ports are: ${names.join(', ')}.`
            : ' It declares no named container ports.';
        report({
          at: { doc: object.doc, span: port.targetPort.span },
          message: `targetPort "${target}" (${port.protocol}) does not resolve in ${objectLabel(workload)}: no container port has that name and protocol, so its pods get no endpoint on this port.${suggestion}`,
          related,
          data: { workload: workload.name },
          fixes: otherProtocol ? undefined : fixesOf(containerPortNameFix(object.doc, port.targetPort, [workload], 'Change targetPort to')),
        });
      }
    }
  },
});
