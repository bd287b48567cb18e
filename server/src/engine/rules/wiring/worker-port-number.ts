import type { Workload } from '../../model/kubernetes';
import { defineObjectRule } from '../types';
import { analyzeWiring, START_PORT_ENV, workerOfPortName, workerSetup } from './analysis';

export default defineObjectRule<Workload>({
  id: 'wiring/worker-port-number',
  severity: 'error',
  appliesTo: ['workload'],
  fix: 'always',
  docs: {
    summary: 'The port named for worker i must be METRICS_START_PORT + i − 1, in the container and in the Service\'s numeric targetPort.',
    why: 'django-prometheus binds worker i\'s exporter to the i-th port of the range. A container port "metrics-3" declared with another number points the Service at a port nobody listens on.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: django\n      image: app\n      env:\n        - name: WEB_CONCURRENCY\n          value: "2"\n        - name: METRICS_START_PORT\n          value: "5001"\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n        - name: metrics-2\n          containerPort: 5003\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: django\n      image: app\n      env:\n        - name: WEB_CONCURRENCY\n          value: "2"\n        - name: METRICS_START_PORT\n          value: "5001"\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n        - name: metrics-2\n          containerPort: 5002\n',
  },
  check({ object, settings, workspace, report }) {
    const pattern = settings.wiring.portNamePattern;
    for (const container of object.containers) {
      const setup = workerSetup(container, object.doc.text, workspace, object);
      if (!setup || setup.startPort === undefined || setup.unknown.length) continue;
      const start = setup.startPort;
      const n = setup.workers;
      const expected = (worker: number) => start + worker - 1;
      for (const port of container.ports) {
        const worker = workerOfPortName(pattern, port.name?.value);
        if (worker === undefined || port.number === undefined || !port.containerPort) continue;
        if (n !== undefined && worker > n) continue; // an extra port: wiring/worker-port-extra
        if (port.number === expected(worker)) continue;
        report({
          at: { doc: object.doc, span: port.containerPort.span },
          message: `Port "${port.name?.value}" must be ${expected(worker)} (${START_PORT_ENV} ${start} + ${worker - 1}), not ${port.number}: worker ${worker} listens on ${expected(worker)}, so it is never scraped.`,
          related: setup.startPortSpan ? [{ at: { doc: object.doc, span: setup.startPortSpan }, message: `${START_PORT_ENV}=${start}` }] : [],
          data: { worker, expected: expected(worker) },
          fixes: [{ title: `Change containerPort to ${expected(worker)}`, safe: true, edits: [{ at: { doc: object.doc, span: port.containerPort.span }, newText: String(expected(worker)) }] }],
        });
      }
      const analysis = analyzeWiring(object, setup, workspace, pattern);
      for (const service of analysis?.services ?? []) {
        for (const servicePort of service.ports) {
          const worker = workerOfPortName(pattern, servicePort.name?.value);
          const target = servicePort.targetPort?.value;
          if (worker === undefined || typeof target !== 'number' || (n !== undefined && worker > n) || target === expected(worker)) continue;
          report({
            at: { doc: service.doc, span: servicePort.targetPort!.span },
            message: `Service port "${servicePort.name?.value}" targets ${target}, but worker ${worker} listens on ${expected(worker)} (${START_PORT_ENV} ${start} + ${worker - 1}).`,
            related: [{ at: { doc: object.doc, span: container.name?.span ?? object.anchor }, message: `container "${container.name?.value ?? '?'}"` }],
            data: { worker, expected: expected(worker) },
            fixes: [{ title: `Change targetPort to ${expected(worker)}`, safe: true, edits: [{ at: { doc: service.doc, span: servicePort.targetPort!.span }, newText: String(expected(worker)) }] }],
          });
        }
      }
    }
  },
});
