import { defineDocumentRule } from '../types';
import { job, reportRelabelProblems } from './shared';

export default defineDocumentRule({
  id: 'prometheus/relabel-schema',
  severity: 'error',
  docs: {
    summary: 'A relabel config has only the known keys (source_labels, separator, regex, modulus, target_label, replacement, action; camelCase in prometheus-operator resources), each of the right type.',
    why: 'Prometheus parses its configuration strictly: one unknown or misspelt key (`target:`, or an operator-style `targetLabel:` in prometheus.yml) makes it refuse the whole file, and promtool names neither line nor column. In a ServiceMonitor the API server drops unknown fields, so the rule silently does nothing.',
    bad: job('      - source_labels: [__address__]\n        target: env\n        replacement: prod\n'),
    good: job('      - source_labels: [__address__]\n        target_label: env\n        replacement: prod\n'),
  },
  check(context) {
    reportRelabelProblems('relabel-schema', context);
  },
});
