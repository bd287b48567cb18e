import * as vscode from 'vscode';
import { ErrorBudgetParams, ErrorBudgetResult, STACK_REQUESTS } from '../../../server/src/protocol';
import type { CommandContext } from './types';

/**
 * obsconf.errorBudget ("Error budget calculator"): asks for an availability
 * objective (99.9, 99.9 % or 0.999) and shows how much failure it allows per
 * 30 days, quarter and year. Argument: the objective, to skip the prompt.
 * Returns the server's answer.
 */
export async function errorBudget(ctx: CommandContext, objectiveArg?: unknown): Promise<ErrorBudgetResult | undefined> {
  const client = ctx.server.languageClient;
  if (!client) return undefined;
  const ask = (objective: string) => client.sendRequest<ErrorBudgetResult>(STACK_REQUESTS.errorBudget, { objective } satisfies ErrorBudgetParams);
  let objective = typeof objectiveArg === 'string' || typeof objectiveArg === 'number' ? String(objectiveArg) : undefined;
  if (objective === undefined) {
    objective = await vscode.window.showInputBox({
      title: 'obsconf: Error budget calculator',
      prompt: 'Availability objective: a percentage (99.9 or 99.9%) or a ratio (0.999)',
      value: '99.9',
      ignoreFocusOut: true,
      validateInput: async (value) => (await ask(value)).error,
    });
    if (objective === undefined) return undefined;
  }
  const result = await ask(objective);
  if (result.error || !result.budgets) {
    void vscode.window.showErrorMessage(`obsconf: ${result.error ?? 'no answer from the server.'}`);
    return result;
  }
  const detail = result.budgets.map((b) => `${b.text} per ${b.label}`).join('\n');
  void vscode.window.showInformationMessage(`obsconf: ${result.objectiveText} leaves an error budget of ${result.budgets[0].text} per 30 days.`, { modal: true, detail });
  return result;
}
