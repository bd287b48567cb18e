import { defineDocumentRule } from '../types';
import { job, reportRelabelProblems } from './shared';

export default defineDocumentRule({
  id: 'prometheus/relabel-action',
  severity: 'error',
  docs: {
    summary: 'The action is one Prometheus knows (replace, keep, drop, keepequal, dropequal, hashmod, labelmap, labeldrop, labelkeep, lowercase, uppercase; any case) and exists in the configured Prometheus version.',
    why: 'An unknown or empty action makes Prometheus refuse the configuration. lowercase/uppercase exist since 2.36 and keepequal/dropequal since 2.41: an older server rejects them (set obsconf.prometheus.version to the version you run).',
    bad: job('      - source_labels: [team]\n        target_label: owner\n        action: rename\n'),
    good: job('      - source_labels: [team]\n        target_label: owner\n        action: replace\n'),
  },
  check(context) {
    reportRelabelProblems('relabel-action', context);
  },
});
