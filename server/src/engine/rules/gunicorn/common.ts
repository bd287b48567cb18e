import { touchesError, trimSpan } from '../../python/dictEval';
import { cachedForText, pythonSource, PythonSource } from '../../python/source';
import type { Span } from '../../python/ast';
import { GunicornConfig, gunicornConfigOf, looksLikeGunicornConfig } from '../../gunicorn/config';
import type { LoggingModel, LogProblem, ProblemKind } from '../../gunicorn/logging';
import type { FileRuleContext, FindingInput } from '../types';

/** The gunicorn config model of the rule's file; undefined for files that are not gunicorn config files. */
export function gunicornFile(context: FileRuleContext): { source: PythonSource; config: GunicornConfig; model: LoggingModel } | undefined {
  const file = context.file;
  if (file.kind !== 'python' || !looksLikeGunicornConfig(file.uri, file.text)) return undefined;
  const config = gunicornConfigOf(file);
  const model = cachedForText(file, 'gunicorn-logging', () => config.logging());
  return { source: pythonSource(file), config, model };
}

/** Reports at a span of the rule's Python file, unless the span touches a syntax error. */
export function reportAt(context: FileRuleContext, source: PythonSource, where: Span, finding: Omit<FindingInput, 'at'> & { relatedSpans?: { at: Span; message: string }[] }): void {
  if (where.from < 0) return;
  const span = trimSpan(source.text, where);
  if (touchesError(source.module.errors, span)) return;
  const { relatedSpans, ...rest } = finding;
  context.report({
    ...rest,
    at: { uri: context.file.uri, range: source.range(span) },
    related: relatedSpans?.filter((r) => r.at.from >= 0).map((r) => ({ at: { uri: context.file.uri, range: source.range(r.at) }, message: r.message })),
  });
}

/** The logging model's problems of one kind, as findings. */
export function reportProblems(context: FileRuleContext, kinds: ProblemKind[]): void {
  const found = gunicornFile(context);
  if (!found) return;
  for (const problem of found.model.problems.filter((p: LogProblem) => kinds.includes(p.kind))) {
    reportAt(context, found.source, problem.at, { message: problem.message, relatedSpans: problem.related, data: { fatal: problem.fatal } });
  }
}

/** The docs examples of the logconfig rules are gunicorn config files. */
export const EXAMPLE_FILE = 'gunicorn.conf.py';
