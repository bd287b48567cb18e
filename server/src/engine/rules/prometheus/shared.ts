import { analyzeDocument, ProblemKind } from '../../prometheus/analyze';
import type { DocumentRuleContext } from '../types';

/** Reports the relabel problems of one kind found in the document (the analysis is shared by all relabel rules). */
export function reportRelabelProblems(kind: ProblemKind, { doc, settings, report }: DocumentRuleContext): void {
  for (const list of analyzeDocument(doc, settings.prometheus?.version)) {
    for (const rule of list.rules) {
      for (const problem of rule.problems) {
        if (problem.kind !== kind) continue;
        report({
          at: { doc, span: problem.span },
          message: problem.message,
          fixes: problem.fixes?.map((fix) => ({ title: fix.title, safe: fix.safe, edits: fix.edits.map((e) => ({ at: { doc, span: e.span }, newText: e.newText })) })),
        });
      }
    }
  }
}

/** A prometheus.yml scrape job around the given relabel rules, for the docs examples. */
export function job(rules: string): string {
  return `scrape_configs:\n  - job_name: app\n    static_configs:\n      - targets: ['app:8000']\n    relabel_configs:\n${rules}`;
}
