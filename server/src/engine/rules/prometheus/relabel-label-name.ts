import { defineDocumentRule } from '../types';
import { job, reportRelabelProblems } from './shared';

export default defineDocumentRule({
  id: 'prometheus/relabel-label-name',
  severity: 'error',
  docs: {
    summary: 'source_labels, target_label and labelmap\'s replacement are valid label names for the configured Prometheus version ($1/${name} templates allowed where Prometheus allows them).',
    why: 'labelmap\'s replacement is the new label\'s name, so an empty one is refused. Before 3.0 label names are `[a-zA-Z_][a-zA-Z0-9_]*`, and Prometheus refuses a relabel config writing `service-name` or reading `env-name`. From 3.0 any UTF-8 name is accepted. A replace target_label may contain $1 or ${name}; before 3.0, hashmod\'s may not.',
    bad: job("      - regex: '__meta_kubernetes_pod_label_(.+)'\n        replacement: ''\n        action: labelmap\n"),
    good: job("      - regex: '__meta_kubernetes_pod_label_(.+)'\n        replacement: 'pod_${1}'\n        action: labelmap\n"),
  },
  check(context) {
    reportRelabelProblems('relabel-label-name', context);
  },
});
