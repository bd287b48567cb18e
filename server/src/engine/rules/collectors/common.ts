import type { CollectorProblem } from '../../collectors/checks';
import type { NameScheme } from '../../collectors/families';
import { collectorAnalysis, collectorReads, isPythonUri } from '../../collectors/workspace';
import type { ModuleAnalysis } from '../../collectors/analyze';
import type { PythonSource } from '../../python/source';
import type { EngineSettings } from '../../settings';
import type { FileRuleContext } from '../types';

/** Collector rules read sample sources and models modules, and report on Python files. */
export const COLLECTOR_CROSS_FILE = { reads: collectorReads, subjects: isPythonUri };

/** The collector analysis of the rule's file (shared by all collector rules through the cache); undefined for non-Python files. */
export function analysisOf(context: FileRuleContext): { source: PythonSource; analysis: ModuleAnalysis } | undefined {
  if (context.file.kind !== 'python') return undefined;
  return collectorAnalysis(context.file, context.crossFiles?.values() ?? []);
}

export function nameScheme(settings: EngineSettings): NameScheme {
  return settings.collectors?.nameValidationScheme ?? 'legacy';
}

/** Reports problems at their spans, leaving out those inside syntax errors. */
export function reportProblems(context: FileRuleContext, source: PythonSource, problems: CollectorProblem[]): void {
  for (const problem of problems) {
    if (source.inError(problem.span)) continue;
    context.report({
      at: { uri: context.file.uri, range: source.range(problem.span) },
      message: problem.message,
      related: problem.related?.map((r) => ({ at: { uri: context.file.uri, range: source.range(r.span) }, message: r.message })),
      data: problem.data,
    });
  }
}
