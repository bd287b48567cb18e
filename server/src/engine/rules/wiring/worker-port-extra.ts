import type { Workload } from '../../model/kubernetes';
import { objectLabel } from '../kubernetes/resolve';
import { defineObjectRule } from '../types';
import { analyzeWiring, workerOfPortName, workerSetup } from './analysis';
import { fixesOf } from '../../fixes/text';
import { removeItemFix } from '../../fixes/ruleFixes';

export default defineObjectRule<Workload>({
  id: 'wiring/worker-port-extra',
  severity: 'warning',
  appliesTo: ['workload'],
  fix: 'always',
  docs: {
    summary: 'A metrics port is numbered for a worker that does not exist (its number is above the worker count).',
    why: 'With N workers only N exporters listen. Scraping metrics-(N+1) gives a target that is always down, which fires "target down" alerts and hides real outages in the noise.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: django\n      image: app\n      env:\n        - name: WEB_CONCURRENCY\n          value: "1"\n        - name: METRICS_START_PORT\n          value: "5001"\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n        - name: metrics-2\n          containerPort: 5002\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: django\n      image: app\n      env:\n        - name: WEB_CONCURRENCY\n          value: "1"\n        - name: METRICS_START_PORT\n          value: "5001"\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n',
  },
  check({ object, settings, workspace, report }) {
    const pattern = settings.wiring.portNamePattern;
    for (const container of object.containers) {
      const setup = workerSetup(container, object.doc.text, workspace, object);
      if (!setup || setup.workers === undefined || setup.unknown.length) continue;
      const n = setup.workers;
      const why = n === 1 ? `there is only 1 worker (${setup.workersSource})` : `there are only ${n} workers (${setup.workersSource})`;
      for (const port of container.ports) {
        const worker = workerOfPortName(pattern, port.name?.value);
        if (worker === undefined || worker <= n || !port.name) continue;
        report({
          at: { doc: object.doc, span: port.name.span },
          message: `Container port "${port.name.value}" is for worker ${worker}, but ${why}; nothing listens on it.`,
          data: { worker, workers: n },
          fixes: fixesOf(removeItemFix(object.doc, port.node, `Remove container port "${port.name.value}"`)),
        });
      }
      const analysis = analyzeWiring(object, setup, workspace, pattern);
      for (const service of analysis?.services ?? []) {
        for (const servicePort of service.ports) {
          const worker = workerOfPortName(pattern, servicePort.name?.value);
          if (worker === undefined || worker <= n || !servicePort.name) continue;
          report({
            at: { doc: service.doc, span: servicePort.name.span },
            message: `Service port "${servicePort.name.value}" is for worker ${worker}, but ${why} in ${objectLabel(object)}; its target will be down.`,
            data: { worker, workers: n },
            fixes: fixesOf(removeItemFix(service.doc, servicePort.node, `Remove Service port "${servicePort.name.value}"`)),
          });
          for (const monitor of workspace.serviceMonitorsSelecting(service)) {
            for (const endpoint of monitor.endpoints) {
              if (endpoint.port?.value !== servicePort.name.value) continue;
              report({
                at: { doc: monitor.doc, span: endpoint.port!.span },
                message: `Endpoint "${servicePort.name.value}" scrapes worker ${worker}, but ${why} in ${objectLabel(object)}; this target will always be down.`,
                data: { worker, workers: n },
                fixes: fixesOf(removeItemFix(monitor.doc, endpoint.node, `Remove endpoint "${servicePort.name.value}"`)),
              });
            }
          }
        }
      }
    }
  },
});
