import { errorBudget, parseObjective } from '../engine/slo/budget';
import type { ErrorBudgetParams, ErrorBudgetResult } from '../protocol';

/** obsconf/errorBudget: the "Error budget calculator" command's answer. */
export function errorBudgetRequest(params: ErrorBudgetParams): ErrorBudgetResult {
  const parsed = parseObjective(String(params?.objective ?? ''));
  if ('error' in parsed) return { error: parsed.error };
  const budget = errorBudget(parsed.ratio);
  const markdown = [
    `**${budget.percentText}** allows ${budget.budgetPercentText} of failures:`,
    '',
    ...budget.lines.map((line) => `- ${line.text} per ${line.label}`),
  ].join('\n');
  return {
    ratio: parsed.ratio,
    objectiveText: budget.percentText,
    budgets: budget.lines.map(({ label, seconds, text }) => ({ label, seconds, text })),
    markdown,
  };
}
