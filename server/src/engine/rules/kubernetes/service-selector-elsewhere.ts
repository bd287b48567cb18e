import type { Service } from '../../model/kubernetes';
import { describeSelector } from '../../workspace/selectors';
import { defineObjectRule } from '../types';

export default defineObjectRule<Service>({
  id: 'k8s/service-selector-elsewhere',
  severity: 'hint',
  appliesTo: ['service'],
  docs: {
    summary: 'The Service selects pods that are not defined in the workspace.',
    why: 'When no workload of the namespace is in the workspace, the pods probably come from elsewhere (another repository, a chart), so the named targetPorts cannot be checked.',
  },
  check({ object, workspace, report }) {
    if (!object.selector || object.selector.size === 0 || !object.selectorSpan) return;
    if (workspace.workloadsSelectedBy(object).length > 0) return;
    if (workspace.workloadCountIn(object.namespace) > 0) return;
    report({
      at: { doc: object.doc, span: object.selectorSpan },
      message: `No workload in namespace ${object.namespace} is defined in the workspace, so the pods this selector picks (${describeSelector(object.selector)}) and their ports were not checked.`,
    });
  },
});
