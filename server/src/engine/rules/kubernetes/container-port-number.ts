import type { Workload } from '../../model/kubernetes';
import { getScalar } from '../../documents/yamlAccess';
import { defineObjectRule } from '../types';
import { describeValue, isValidPortNumber, VALID_PROTOCOLS } from './names';
import { fixesOf } from '../../fixes/text';
import { protocolFix } from '../../fixes/ruleFixes';

export default defineObjectRule<Workload>({
  id: 'k8s/container-port-number',
  severity: 'error',
  appliesTo: ['workload'],
  fix: 'sometimes',
  docs: {
    summary: 'Every container port needs a containerPort between 1 and 65535 (an integer) and a protocol of TCP, UDP or SCTP.',
    why: 'The API server rejects a missing, quoted or out-of-range containerPort, and an unknown protocol. A port that is not declared correctly cannot be referred to by name from a Service.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app\n      ports:\n        - name: metrics-1\n          containerPort: 70000\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app\n      ports:\n        - name: metrics-1\n          containerPort: 5001\n',
  },
  check({ object, report }) {
    for (const container of object.containers) {
      for (const port of container.ports) {
        if (!port.containerPort) {
          report({ at: { doc: object.doc, span: port.span }, message: 'Container port has no containerPort; it is required (an integer from 1 to 65535).' });
        } else if (Number.isInteger(port.containerPort.value) && !isValidPortNumber(port.containerPort.value)) {
          // Values of the wrong type (strings, fractions) are reported by k8s/field-type.
          report({
            at: { doc: object.doc, span: port.containerPort.span },
            message: `containerPort must be an integer from 1 to 65535, not ${describeValue(port.containerPort.value)}.`,
          });
        }
        if (!VALID_PROTOCOLS.includes(port.protocol)) {
          report({
            at: { doc: object.doc, span: getScalar(object.doc.parsed, port.node, 'protocol')?.span ?? port.span },
            message: `Container port protocol "${port.protocol}" is not supported; use TCP, UDP or SCTP (uppercase).`,
            fixes: fixesOf(protocolFix(object.doc, getScalar(object.doc.parsed, port.node, 'protocol'))),
          });
        }
      }
    }
  },
});
