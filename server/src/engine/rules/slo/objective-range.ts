import { objectivesOf } from '../../slo/objectives';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'slo/objective-range',
  severity: 'error',
  fix: 'sometimes',
  docs: {
    summary: 'An availability objective is a number strictly between 0 and 100 % in the form its spec expects: a percentage for Sloth `objective` and `targetPercent`, a ratio for OpenSLO `target` and `slo:`.',
    why: 'An objective of 100 % leaves no error budget: burn-rate alerts divide by 1 − SLO = 0 and fire on the first error. A ratio written where a percentage belongs (`objective: 0.999` in Sloth) asks for 0.999 %, so the alerts never fire; a percentage written as a ratio (`target: 99.9`) is refused or read as 9990 %.',
    bad: 'version: prometheus/v1\nservice: checkout\nslos:\n  - name: requests-availability\n    objective: 0.999\n',
    good: 'version: prometheus/v1\nservice: checkout\nslos:\n  - name: requests-availability\n    objective: 99.9\n',
  },
  check({ doc, report }) {
    for (const site of objectivesOf(doc)) {
      if (!site.error) continue;
      // A bare `slo:` key holding a whole number above 1 is most likely something else (a count, an id).
      if (site.source === 'slo-key' && typeof site.raw === 'number' && Number.isInteger(site.raw) && site.raw > 1) continue;
      report({
        at: { doc, span: site.span },
        message: site.error,
        data: { source: site.source },
        fixes: site.suggestion ? [{ title: `Write ${site.suggestion}`, safe: false, edits: [{ at: { doc, span: site.span }, newText: site.suggestion }] }] : undefined,
      });
    }
  },
});
