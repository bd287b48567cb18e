import * as vscode from 'vscode';
import { GeneratedFilesResult, GenerateReloadServiceParams, STACK_REQUESTS } from '../../../server/src/protocol';
import { openGenerated } from './generateAlertmanager';
import type { CommandContext } from './types';

/**
 * obsconf.generateReloadService: Prometheus with --web.enable-lifecycle and a
 * config-reload service sharing its config volume (compose) or a sidecar in
 * its pod (Kubernetes) that polls the files and POSTs /-/reload on change.
 * Argument: the parameters, to skip the prompts.
 */
export async function generateReload(ctx: CommandContext, paramsArg?: unknown): Promise<string[] | undefined> {
  const client = ctx.server.languageClient;
  if (!client) return undefined;
  let params = paramsArg as GenerateReloadServiceParams | undefined;
  if (!params || typeof params !== 'object') {
    const title = 'obsconf: Config-reload service';
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Docker compose / Swarm stack', description: 'a prometheus service and a config-reloader service on a shared volume', target: 'compose' as const },
        { label: 'Kubernetes', description: 'a Deployment with a config-reloader sidecar', target: 'kubernetes' as const },
      ],
      { title },
    );
    if (!picked) return undefined;
    const interval = await vscode.window.showInputBox({ title, prompt: 'Polling interval in seconds', value: '30', validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 ? undefined : 'A whole number of seconds.') });
    if (interval === undefined) return undefined;
    const configDir = await vscode.window.showInputBox({ title, prompt: 'Configuration directory (mounted in both containers)', value: '/etc/prometheus' });
    if (configDir === undefined) return undefined;
    params = { target: picked.target, intervalSeconds: Number(interval), configDir: configDir.trim() };
  }
  const result = await client.sendRequest<GeneratedFilesResult>(STACK_REQUESTS.generateReloadService, params);
  return openGenerated(result, 'The config-reload service');
}
