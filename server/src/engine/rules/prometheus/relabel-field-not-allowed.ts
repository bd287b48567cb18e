import { defineDocumentRule } from '../types';
import { job, reportRelabelProblems } from './shared';

export default defineDocumentRule({
  id: 'prometheus/relabel-field-not-allowed',
  severity: 'error',
  docs: {
    summary: 'lowercase, uppercase, keepequal and dropequal set no replacement; keepequal and dropequal take only source_labels and target_label; labeldrop and labelkeep take only regex.',
    why: 'Prometheus refuses these combinations instead of ignoring the extra field. labeldrop/labelkeep match the regex against label names, so source_labels there is a sign the author meant drop/keep. keepequal/dropequal reject even an explicit `regex: (.*)`.',
    bad: job('      - source_labels: [env]\n        regex: test\n        action: labeldrop\n'),
    good: job('      - source_labels: [env]\n        regex: test\n        action: drop\n'),
  },
  check(context) {
    reportRelabelProblems('relabel-field-not-allowed', context);
  },
});
