import * as vscode from 'vscode';
import { openExample } from './openExample';
import { restartServer } from './restartServer';
import { showOutput } from './showOutput';
import { relabelPreview } from './relabelPreview';
import { setWorkerCount } from './setWorkerCount';
import { newStack } from './newStack';
import { convertHelm } from './convertHelm';
import { errorBudget } from './errorBudget';
import { generateAlertmanager } from './generateAlertmanager';
import { generateReload } from './generateReload';
import { generateSloRules } from './generateSloRules';
import { createSamplesFile, previewMetrics } from './previewMetrics';
import type { CommandContext, CommandDefinition } from './types';

/** Every command the extension contributes; package.json lists the same ids. */
export const COMMANDS: CommandDefinition[] = [
  { id: 'obsconf.restartServer', needsServer: false, run: restartServer },
  { id: 'obsconf.showOutput', needsServer: false, run: showOutput },
  { id: 'obsconf.openExample', needsServer: false, run: openExample },
  { id: 'obsconf.relabelPreview', needsServer: true, run: relabelPreview },
  { id: 'obsconf.setWorkerCount', needsServer: true, run: setWorkerCount },
  { id: 'obsconf.newDjangoMetricsStack', needsServer: true, run: newStack },
  { id: 'obsconf.convertToHelm', needsServer: true, run: convertHelm },
  { id: 'obsconf.errorBudget', needsServer: true, run: errorBudget },
  { id: 'obsconf.generateAlertmanagerCluster', needsServer: true, run: generateAlertmanager },
  { id: 'obsconf.generateReloadService', needsServer: true, run: generateReload },
  { id: 'obsconf.generateSloRules', needsServer: true, run: generateSloRules },
  { id: 'obsconf.previewMetrics', needsServer: true, run: previewMetrics },
  { id: 'obsconf.createSamplesFile', needsServer: true, run: createSamplesFile },
];

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return COMMANDS.map((command) =>
    vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
      if (command.needsServer && !ctx.server.isRunning) {
        const restart = 'Restart server';
        const choice = await vscode.window.showWarningMessage(
          `obsconf: the language server is ${ctx.server.state}; "${command.id}" needs it.`,
          restart,
        );
        if (choice === restart) await ctx.server.restart();
        return undefined;
      }
      return command.run(ctx, ...args);
    }),
  );
}
