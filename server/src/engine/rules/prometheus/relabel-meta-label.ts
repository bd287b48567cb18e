import { defineDocumentRule } from '../types';
import { reportRelabelProblems } from './shared';

export default defineDocumentRule({
  id: 'prometheus/relabel-meta-label',
  severity: 'warning',
  fix: 'sometimes',
  docs: {
    summary: 'A `__meta_*` source label is one the job\'s service discovery sets (e.g. no `__meta_kubernetes_*` in a static_configs job, no pod labels with role service), spelt as Prometheus spells it.',
    why: 'A meta label that discovery never sets reads as an empty string: a keep rule then drops every target and a replace rule writes nothing, with no error anywhere. A near-miss spelling (`__meta_kubernetes_pod_labels_app`) gets a "did you mean" and a fix.',
    bad: 'scrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: [\'app:8000\']\n    relabel_configs:\n      - source_labels: [__meta_kubernetes_namespace]\n        target_label: namespace\n',
    good: 'scrape_configs:\n  - job_name: app\n    kubernetes_sd_configs:\n      - role: pod\n    relabel_configs:\n      - source_labels: [__meta_kubernetes_namespace]\n        target_label: namespace\n',
  },
  check(context) {
    reportRelabelProblems('relabel-meta-label', context);
  },
});
