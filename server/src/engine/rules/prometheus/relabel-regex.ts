import { defineDocumentRule } from '../types';
import { job, reportRelabelProblems } from './shared';

export default defineDocumentRule({
  id: 'prometheus/relabel-regex',
  severity: 'error',
  docs: {
    summary: 'The regex compiles with Go\'s RE2 syntax, as Prometheus compiles it (wrapped in ^(?s:…)$, or ^(?:…)$ before 3.0).',
    why: 'Prometheus uses RE2, which has no lookahead, lookbehind, backreferences, atomic groups or possessive quantifiers (they would break its linear-time guarantee). A regex from a PCRE tester makes Prometheus refuse the configuration; obsconf names the construct and shows RE2\'s message at the regex.',
    bad: job('      - source_labels: [__address__]\n        regex: \'(?!localhost).*\'\n        action: keep\n'),
    good: job('      - source_labels: [__address__]\n        regex: \'localhost(:.*)?\'\n        action: drop\n'),
  },
  check(context) {
    reportRelabelProblems('relabel-regex', context);
  },
});
