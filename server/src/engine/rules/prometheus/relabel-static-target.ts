import { analyzeDocument } from '../../prometheus/analyze';
import { previewList, staticTargetNodesOf } from '../../prometheus/preview';
import { resolveVersion } from '../../prometheus/version';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'prometheus/relabel-static-target',
  severity: 'error',
  docs: {
    summary: 'Every target of a static_configs job still has a usable address after relabel_configs.',
    why: 'A relabel rule that empties __address__ (a labelkeep that forgets it, a replace with an empty result) or writes a path into it leaves the target unscrapable: `promtool check config` fails with "instance 0 in group 0: no address", and Prometheus drops the target.',
    bad: 'scrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: [\'app:8000\']\n    relabel_configs:\n      - regex: \'env|job\'\n        action: labelkeep\n',
    good: 'scrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: [\'app:8000\']\n    relabel_configs:\n      - regex: \'__.*|env|job\'\n        action: labelkeep\n',
  },
  check({ doc, settings, report }) {
    const version = resolveVersion(settings.prometheus?.version);
    for (const analysis of analyzeDocument(doc, settings.prometheus?.version)) {
      if (analysis.list.dialect !== 'prometheus' || analysis.list.stage !== 'target') continue;
      const targets = staticTargetNodesOf(analysis.list);
      if (!targets.length) continue;
      const preview = previewList(analysis, targets.map((t) => t.labels), { version, steps: false });
      preview.targets.forEach((target, i) => {
        if (!target.kept || !target.error) return;
        report({
          at: { doc, span: targets[i].span },
          message: `After ${analysis.list.key}, target "${target.input.__address__}" is unusable (${target.error}); promtool check config fails on it.`,
          related: [{ at: { doc, span: analysis.list.keySpan }, message: 'the relabel rules' }],
        });
      });
    }
  },
});
