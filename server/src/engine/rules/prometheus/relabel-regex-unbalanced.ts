import { defineDocumentRule } from '../types';
import { job, reportRelabelProblems } from './shared';

export default defineDocumentRule({
  id: 'prometheus/relabel-regex-unbalanced',
  severity: 'warning',
  docs: {
    summary: 'A relabel regex has no unbalanced ")" that closes the group Prometheus wraps it in.',
    why: 'Prometheus compiles `^(?s:` + regex + `)$`. A regex such as `app)|(db` is invalid on its own but compiles inside that wrapper, as `^(?s:app)|(db)$`: the anchors now cover only one branch each, so it matches any value starting with "app" or ending with "db". Prometheus loads it without a word.',
    bad: job('      - source_labels: [__address__]\n        regex: \'app)|(db\'\n        action: keep\n'),
    good: job('      - source_labels: [__address__]\n        regex: \'app|db\'\n        action: keep\n'),
  },
  check(context) {
    reportRelabelProblems('relabel-regex-unbalanced', context);
  },
});
