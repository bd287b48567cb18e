import type { Workload } from '../../model/kubernetes';
import { defineObjectRule } from '../types';
import { analyzeWiring, workerSetup } from './analysis';
import { fixesOf } from '../../fixes/text';
import { workerUnscrapedFix } from '../../fixes/ruleFixes';

export default defineObjectRule<Workload>({
  id: 'wiring/container-port-undeclared',
  severity: 'hint',
  appliesTo: ['workload'],
  fix: 'sometimes',
  docs: {
    summary: 'A worker\'s metrics port is reached by a numeric targetPort but not declared as a container port.',
    why: 'Kubernetes does not need the declaration for a numeric targetPort, so nothing is broken; declaring "metrics-i" documents the port and lets Services and monitors refer to it by name.',
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: django\n          image: app\n          env:\n            - name: WEB_CONCURRENCY\n              value: "2"\n            - name: METRICS_START_PORT\n              value: "5001"\n          ports:\n            - name: metrics-1\n              containerPort: 5001\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics-1\n      port: 5001\n      targetPort: 5001\n    - name: metrics-2\n      port: 5002\n      targetPort: 5002\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: django\n          image: app\n          env:\n            - name: WEB_CONCURRENCY\n              value: "2"\n            - name: METRICS_START_PORT\n              value: "5001"\n          ports:\n            - name: metrics-1\n              containerPort: 5001\n            - name: metrics-2\n              containerPort: 5002\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics-1\n      port: 5001\n      targetPort: 5001\n    - name: metrics-2\n      port: 5002\n      targetPort: 5002\n',
  },
  check({ object, settings, workspace, report }) {
    for (const container of object.containers) {
      const setup = workerSetup(container, object.doc.text, workspace, object);
      if (!setup) continue;
      const analysis = analyzeWiring(object, setup, workspace, settings.wiring.portNamePattern);
      for (const chain of analysis?.chains ?? []) {
        if (chain.containerPort || chain.servicePorts.length === 0) continue;
        const { service, port } = chain.servicePorts[0];
        report({
          at: { doc: service.doc, span: port.targetPort?.span ?? port.span },
          message: `Worker ${chain.worker}'s port ${chain.port} is reached by number but container "${container.name?.value ?? '?'}" does not declare it; consider a container port "${chain.name}".`,
          related: [{ at: { doc: object.doc, span: container.portsSpan ?? container.span }, message: 'container ports' }],
          fixes: analysis ? fixesOf(workerUnscrapedFix(object, container, analysis, chain, 'container-port', settings.wiring.portNamePattern, {})) : undefined,
        });
      }
    }
  },
});
