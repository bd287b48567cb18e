import type { Service } from '../../model/kubernetes';
import { getScalar } from '../../documents/yamlAccess';
import { defineObjectRule } from '../types';
import { describeValue, isValidPortNumber, VALID_PROTOCOLS } from './names';

export default defineObjectRule<Service>({
  id: 'k8s/service-port-number',
  severity: 'error',
  appliesTo: ['service'],
  docs: {
    summary: 'A Service port needs `port` from 1 to 65535; a numeric `targetPort` is in the same range; protocol is TCP, UDP or SCTP.',
    why: 'The API server rejects such a Service. A quoted number ("5001") as targetPort is a port *name*, which is then not a valid name: a common slip.',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics-1\n      port: 70000\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector:\n    app: web\n  ports:\n    - name: metrics-1\n      port: 5001\n',
  },
  check({ object, report }) {
    for (const port of object.ports) {
      if (!port.port) {
        report({ at: { doc: object.doc, span: port.span }, message: 'Service port has no `port`; it is required (an integer from 1 to 65535).' });
      } else if (Number.isInteger(port.port.value) && !isValidPortNumber(port.port.value)) {
        report({ at: { doc: object.doc, span: port.port.span }, message: `Service port must be an integer from 1 to 65535, not ${describeValue(port.port.value)}.` });
      }
      const target = port.targetPort?.value;
      if (port.targetPort && Number.isInteger(target) && !isValidPortNumber(target)) {
        report({
          at: { doc: object.doc, span: port.targetPort.span },
          message: `targetPort must be a port number from 1 to 65535 or a container port name, not ${describeValue(target)}.`,
        });
      }
      if (!VALID_PROTOCOLS.includes(port.protocol)) {
        report({ at: { doc: object.doc, span: getScalar(object.doc.parsed, port.node, 'protocol')?.span ?? port.span }, message: `Service port protocol "${port.protocol}" is not supported; use TCP, UDP or SCTP (uppercase).` });
      }
    }
  },
});
