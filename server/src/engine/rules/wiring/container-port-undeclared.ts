import type { Workload } from '../../model/kubernetes';
import { defineObjectRule } from '../types';
import { analyzeWiring, workerSetup } from './analysis';

export default defineObjectRule<Workload>({
  id: 'wiring/container-port-undeclared',
  severity: 'hint',
  appliesTo: ['workload'],
  docs: {
    summary: 'A worker\'s metrics port is reached by a numeric targetPort but not declared as a container port.',
    why: 'Kubernetes does not need the declaration for a numeric targetPort, so nothing is broken; declaring "metrics-i" documents the port and lets Services and monitors refer to it by name.',
  },
  check({ object, settings, workspace, report }) {
    for (const container of object.containers) {
      const setup = workerSetup(container, object.doc.text);
      if (!setup) continue;
      const analysis = analyzeWiring(object, setup, workspace, settings.wiring.portNamePattern);
      for (const chain of analysis?.chains ?? []) {
        if (chain.containerPort || chain.servicePorts.length === 0) continue;
        const { service, port } = chain.servicePorts[0];
        report({
          at: { doc: service.doc, span: port.targetPort?.span ?? port.span },
          message: `Worker ${chain.worker}'s port ${chain.port} is reached by number but container "${container.name?.value ?? '?'}" does not declare it; consider a container port "${chain.name}".`,
          related: [{ at: { doc: object.doc, span: container.portsSpan ?? container.span }, message: 'container ports' }],
        });
      }
    }
  },
});
