import { defineDocumentRule } from '../types';
import { job, reportRelabelProblems } from './shared';

export default defineDocumentRule({
  id: 'prometheus/relabel-regex-anchor',
  severity: 'hint',
  docs: {
    summary: 'No ^ or $ around a relabel regex: Prometheus anchors it already.',
    why: 'Prometheus compiles `^(?s:` + regex + `)$`, so ^ and $ are redundant; they suggest the author expected a substring match, and the next reader will too.',
    bad: job('      - source_labels: [__address__]\n        regex: \'^app:.*$\'\n        action: keep\n'),
    good: job('      - source_labels: [__address__]\n        regex: \'app:.*\'\n        action: keep\n'),
  },
  check(context) {
    reportRelabelProblems('relabel-regex-anchor', context);
  },
});
