import type { Workload } from '../../model/kubernetes';
import { objectLabel } from '../kubernetes/resolve';
import { defineObjectRule, RelatedInput } from '../types';
import { analyzeWiring, workerOfPortName, workerSetup } from './analysis';
import { fixesOf } from '../../fixes/text';
import { workerUnscrapedFix } from '../../fixes/ruleFixes';

const SEED_APP =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: django\n          image: app\n          env:\n            - name: WEB_CONCURRENCY\n              value: "2"\n            - name: METRICS_START_PORT\n              value: "5001"\n          ports:\n            - name: metrics-1\n              containerPort: 5001\n            - name: metrics-2\n              containerPort: 5002\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app\n  labels:\n    app: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics-1\n      port: 5001\n      targetPort: metrics-1\n    - name: metrics-2\n      port: 5002\n      targetPort: metrics-2\n---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  endpoints:\n    - port: metrics-1\n';

export default defineObjectRule<Workload>({
  id: 'wiring/worker-unscraped',
  severity: 'error',
  appliesTo: ['workload'],
  fix: 'sometimes',
  docs: {
    summary: 'Every gunicorn worker\'s metrics port must be reachable end to end: container port → Service port → ServiceMonitor endpoint.',
    why: 'With django-prometheus\' PROMETHEUS_METRICS_EXPORT_PORT_RANGE each of the N workers (WEB_CONCURRENCY) exports its own metrics on METRICS_START_PORT + i − 1. If one link of the chain is missing for one worker, that worker is silently never scraped and its requests vanish from every dashboard.',
    bad: SEED_APP,
    good: SEED_APP + '    - port: metrics-2\n',
  },
  check({ object, settings, workspace, report }) {
    const pattern = settings.wiring.portNamePattern;
    for (const container of object.containers) {
      const setup = workerSetup(container, object.doc.text, workspace, object);
      if (!setup) continue;
      const analysis = analyzeWiring(object, setup, workspace, pattern);
      if (!analysis || analysis.services.length === 0) continue;
      const n = analysis.workers;
      for (const chain of analysis.chains) {
        if (chain.scraped) continue;
        const who = `Worker ${chain.worker} of ${n} (port ${chain.port})`;
        // A port carrying this worker's name but another number is reported by wiring/worker-port-number.
        const misnumbered = container.ports.find((p) => p.name?.value === chain.name && p.number !== chain.port);
        if (misnumbered) continue;
        if (chain.servicePorts.length === 0) {
          const namedServicePort = analysis.services.flatMap((s) => s.ports.filter((p) => p.name?.value === chain.name).map((port) => ({ service: s, port })))[0];
          if (chain.containerPort && namedServicePort) {
            const { service, port } = namedServicePort;
            // A numeric targetPort with the wrong number is reported (with a fix) by wiring/worker-port-number.
            if (typeof port.targetPort?.value === 'number') continue;
            report({
              at: { doc: service.doc, span: port.targetPort?.span ?? port.span },
              message: `${who} is never scraped: Service port "${chain.name}" targets ${JSON.stringify(port.targetPort?.value ?? port.port?.value)}, which does not reach container port ${describePort(chain.containerPort.name?.value, chain.port)}.`,
              related: [{ at: { doc: object.doc, span: chain.containerPort.span }, message: `container port of worker ${chain.worker}` }],
              data: { worker: chain.worker, workers: n, port: chain.port, portName: chain.name, missing: 'service-target' },
              fixes: fixesOf(workerUnscrapedFix(object, container, analysis, chain, 'service-target', pattern, { service })),
            });
          } else if (chain.containerPort) {
            const service = analysis.services[0];
            report({
              at: { doc: service.doc, span: service.portsSpan ?? service.anchor },
              message: `${who} is never scraped: no port of ${objectLabel(service)} targets container port ${describePort(chain.containerPort.name?.value, chain.port)}. Add a Service port "${chain.name}" with targetPort: ${typeof chain.containerPort.name?.value === 'string' ? chain.containerPort.name.value : chain.port}.`,
              related: [{ at: { doc: object.doc, span: chain.containerPort.span }, message: `container port of worker ${chain.worker}` }],
              data: { worker: chain.worker, workers: n, port: chain.port, portName: chain.name, missing: 'service-port' },
              fixes: fixesOf(workerUnscrapedFix(object, container, analysis, chain, 'service-port', pattern, { service })),
            });
          } else {
            const servicePortNamed = analysis.services.flatMap((s) => s.ports.filter((p) => p.name?.value === chain.name).map((p) => ({ s, p })))[0];
            const related: RelatedInput[] = [];
            if (setup.workersSpan) related.push({ at: { doc: object.doc, span: setup.workersSpan }, message: `${n} workers (${setup.workersSource})` });
            if (servicePortNamed) related.push({ at: { doc: servicePortNamed.s.doc, span: servicePortNamed.p.span }, message: `Service port "${chain.name}"` });
            report({
              at: { doc: object.doc, span: container.portsSpan ?? container.name?.span ?? object.anchor },
              message: `${who} is never scraped: container "${container.name?.value ?? '?'}" declares no port ${chain.port}, and no Service port targets ${chain.port} by number. Add container port "${chain.name}" (containerPort: ${chain.port}).`,
              related,
              data: { worker: chain.worker, workers: n, port: chain.port, portName: chain.name, missing: 'container-port' },
              fixes: fixesOf(workerUnscrapedFix(object, container, analysis, chain, 'container-port', pattern, {})),
            });
          }
          continue;
        }
        const { service, port: servicePort, monitors } = chain.servicePorts[0];
        const servicePortName = typeof servicePort.name?.value === 'string' ? servicePort.name.value : String(servicePort.port?.value ?? '?');
        if (monitors.length === 0) {
          if (!analysis.chains.some((c) => c.servicePorts.some((sp) => sp.monitors.length > 0))) continue; // no ServiceMonitor at all: nothing to compare with
          report({
            at: { doc: service.doc, span: servicePort.span },
            message: `${who} is never scraped: no ServiceMonitor selects ${objectLabel(service)}, which carries Service port ${servicePortName}.`,
            data: { worker: chain.worker, workers: n, port: chain.port, portName: chain.name, missing: 'servicemonitor' },
          });
          continue;
        }
        const monitor = monitors[0];
        report({
          at: { doc: monitor.doc, span: monitor.endpointsSpan ?? monitor.selectorSpan ?? monitor.anchor },
          message: `${who} is never scraped: Service port ${servicePortName} has no ServiceMonitor endpoint in ${objectLabel(monitor)}. Add an endpoint with port: ${servicePortName}.`,
          related: [{ at: { doc: service.doc, span: servicePort.span }, message: `Service port ${servicePortName} (${objectLabel(service)})` }],
          data: { worker: chain.worker, workers: n, port: chain.port, portName: servicePortName, missing: 'endpoint' },
          fixes: fixesOf(workerUnscrapedFix(object, container, analysis, chain, 'endpoint', pattern, { monitor, portName: servicePortName })),
        });
      }
    }
  },
});

function describePort(name: unknown, number: number): string {
  return typeof name === 'string' ? `"${name}" (${number})` : String(number);
}

