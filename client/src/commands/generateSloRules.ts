import * as vscode from 'vscode';
import { GeneratedFilesResult, GenerateSloRulesParams, STACK_REQUESTS } from '../../../server/src/protocol';
import { openGenerated } from './generateAlertmanager';
import type { CommandContext } from './types';

const DJANGO_ERRORS = 'sum(rate(django_http_responses_total_by_status_total{status=~"5.."}[$window]))';
const DJANGO_TOTAL = 'sum(rate(django_http_responses_total_by_status_total[$window]))';

/**
 * obsconf.generateSloRules: recording rules for an SLO's error ratio and the
 * multi-window, multi-burn-rate alerts (14.4 for 1h/5m, 6 for 6h/30m, 3 for
 * 1d/2h, 1 for 3d/6h). Argument: the parameters, to skip the prompts.
 */
export async function generateSloRules(ctx: CommandContext, paramsArg?: unknown): Promise<string[] | undefined> {
  const client = ctx.server.languageClient;
  if (!client) return undefined;
  let params = paramsArg as GenerateSloRulesParams | undefined;
  if (!params || typeof params !== 'object') {
    const title = 'obsconf: SLO burn-rate alerts';
    const required = (v: string) => (v.trim() ? undefined : 'Required.');
    const service = await vscode.window.showInputBox({ title, prompt: 'Service', value: 'django-app', validateInput: required });
    if (service === undefined) return undefined;
    const slo = await vscode.window.showInputBox({ title, prompt: 'SLO name', value: 'requests-availability', validateInput: required });
    if (slo === undefined) return undefined;
    const objective = await vscode.window.showInputBox({ title, prompt: 'Objective (99.9, 99.9% or 0.999)', value: '99.9', validateInput: required });
    if (objective === undefined) return undefined;
    const windowHint = (v: string) => (v.includes('$window') ? undefined : 'Write $window where the range goes, e.g. [$window].');
    const errorQuery = await vscode.window.showInputBox({ title, prompt: 'PromQL rate of failed requests ($window is the range)', value: DJANGO_ERRORS, validateInput: windowHint });
    if (errorQuery === undefined) return undefined;
    const totalQuery = await vscode.window.showInputBox({ title, prompt: 'PromQL rate of all requests ($window is the range)', value: DJANGO_TOTAL, validateInput: windowHint });
    if (totalQuery === undefined) return undefined;
    const format = await vscode.window.showQuickPick(
      [
        { label: 'Prometheus rule file', description: 'groups: … for rule_files', format: 'rules' as const },
        { label: 'PrometheusRule', description: 'for prometheus-operator', format: 'prometheus-operator' as const },
      ],
      { title },
    );
    if (!format) return undefined;
    params = { service: service.trim(), slo: slo.trim(), objective, errorQuery, totalQuery, format: format.format };
  }
  const result = await client.sendRequest<GeneratedFilesResult>(STACK_REQUESTS.generateSloRules, params);
  return openGenerated(result, 'The SLO rules');
}
