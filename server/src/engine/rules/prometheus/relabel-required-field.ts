import { defineDocumentRule } from '../types';
import { job, reportRelabelProblems } from './shared';

export default defineDocumentRule({
  id: 'prometheus/relabel-required-field',
  severity: 'error',
  docs: {
    summary: 'replace, hashmod, lowercase, uppercase, keepequal and dropequal have a target_label; hashmod has a non-zero modulus.',
    why: 'Prometheus refuses a relabel config that lacks the field its action needs ("relabel configuration for replace action requires \'target_label\' value", "…hashmod requires non-zero modulus"). Remember that replace is the default action.',
    bad: job('      - source_labels: [__address__]\n        modulus: 4\n        action: hashmod\n'),
    good: job('      - source_labels: [__address__]\n        modulus: 4\n        target_label: __tmp_shard\n        action: hashmod\n'),
  },
  check(context) {
    reportRelabelProblems('relabel-required-field', context);
  },
});
