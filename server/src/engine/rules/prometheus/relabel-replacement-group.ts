import { defineDocumentRule } from '../types';
import { job, reportRelabelProblems } from './shared';

export default defineDocumentRule({
  id: 'prometheus/relabel-replacement-group',
  severity: 'warning',
  fix: 'sometimes',
  docs: {
    summary: 'Every $n or ${name} in a replacement (or replace target_label) refers to a group the regex has; `$1x` is written `${1}x`.',
    why: 'Go\'s regexp.Expand replaces a reference to a missing group with nothing, so the label silently becomes empty (and an empty replace result deletes the label). `$1_suffix` names a group called "1_suffix": Go takes the longest run of letters, digits and underscores. The safe fix writes `${1}_suffix`.',
    bad: job('      - source_labels: [__address__]\n        regex: \'(.*):\\d+\'\n        target_label: host\n        replacement: \'$1_host\'\n'),
    good: job('      - source_labels: [__address__]\n        regex: \'(.*):\\d+\'\n        target_label: host\n        replacement: \'${1}_host\'\n'),
  },
  check(context) {
    reportRelabelProblems('relabel-replacement-group', context);
  },
});
