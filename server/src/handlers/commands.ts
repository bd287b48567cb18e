import type { Connection } from 'vscode-languageserver/node';
import { LineIndex } from '../engine/documents/lineIndex';
import { convertToHelm } from '../engine/generators/helm';
import { generateStack, stackProblems } from '../engine/generators/stack';
import { planWorkerCount } from '../engine/generators/workerCount';
import { workerTargetAt } from '../engine/fixes/locate';
import { indexQueries } from '../engine/fixes/queries';
import {
  ConvertHelmParams,
  ConvertHelmResult,
  NewStackParams,
  NewStackResult,
  SERVER_COMMANDS,
  SetWorkerCountParams,
  SetWorkerCountResult,
} from '../protocol';
import { docEditsToPlain, HandlerContext, refuseReason, staleReason, workspaceEdit } from './codeActions';

export const SERVER_COMMAND_IDS: string[] = Object.values(SERVER_COMMANDS);

function offsetOf(ctx: HandlerContext, uri: string, position?: { line: number; character: number }): number | undefined {
  const file = ctx.linter.index.files.get(uri);
  return file && position ? new LineIndex(file.text).offsetAt(position) : undefined;
}

/**
 * "Set worker count": one WorkspaceEdit over env, container ports, Service
 * ports and endpoints, and an override of WEB_CONCURRENCY in a gunicorn
 * config, Dockerfile or Procfile; applied through the client.
 */
export async function setWorkerCount(connection: Connection, ctx: HandlerContext, params: SetWorkerCountParams): Promise<SetWorkerCountResult> {
  if (!params || typeof params.uri !== 'string') return { applied: false, message: 'Set worker count needs a file.' };
  if (!ctx.isReady() || ctx.linter.pending) return { applied: false, message: 'obsconf is still checking the workspace; try again in a moment.' };
  const stale = staleReason(ctx, params.uri);
  if (stale) return { applied: false, message: stale };
  const queries = indexQueries(ctx.linter.index);
  const target = workerTargetAt(ctx.linter.index, params.uri, offsetOf(ctx, params.uri, params.position), queries);
  if (!target) return { applied: false, message: 'No container with WEB_CONCURRENCY or METRICS_START_PORT here.' };
  const result = planWorkerCount(ctx.linter.index, target, Number(params.workers), ctx.linter.getSettings().wiring.portNamePattern, queries);
  if (!result.ok) return { applied: false, message: result.message };
  const manifests = docEditsToPlain(result.edits);
  const plain = [...manifests, ...result.fileEdits];
  // The override's file (gunicorn config, Dockerfile, Procfile) need not be YAML or Python; it must be current.
  const refused = refuseReason(ctx, manifests, result.edits.map((e) => e.doc)) ?? result.fileEdits.map((e) => staleReason(ctx, e.uri)).find((r) => r !== undefined);
  if (refused) return { applied: false, message: refused };
  if (plain.length === 0) return { applied: false, message: `Already ${params.workers} workers everywhere; nothing to change.`, edit: workspaceEdit(ctx, []) };
  const edit = workspaceEdit(ctx, plain);
  if (params.dryRun) return { applied: false, message: result.message, notice: result.notice, edit };
  const response = await connection.workspace.applyEdit({ label: `Set worker count to ${params.workers}`, edit });
  return {
    applied: response.applied,
    message: response.applied ? result.message : `The editor refused the edit${response.failureReason ? `: ${response.failureReason}` : ''}.`,
    notice: response.applied ? result.notice : undefined,
    edit,
  };
}

export function newStack(params: NewStackParams): NewStackResult {
  const problems = stackProblems(params);
  if (problems.length) return { error: problems.join(' ') };
  return { files: generateStack(params) };
}

export function convertHelm(ctx: HandlerContext, params: ConvertHelmParams): ConvertHelmResult {
  if (!params || typeof params.uri !== 'string') return { error: 'Convert needs a file with a Deployment.' };
  if (!ctx.isReady() || ctx.linter.pending) return { error: 'obsconf is still checking the workspace; try again in a moment.' };
  const stale = staleReason(ctx, params.uri);
  if (stale) return { error: stale };
  const target = workerTargetAt(ctx.linter.index, params.uri, offsetOf(ctx, params.uri, params.position));
  if (!target) return { error: 'No container with WEB_CONCURRENCY and METRICS_START_PORT in this file.' };
  const conversion = convertToHelm(target, indexQueries(ctx.linter.index), ctx.linter.getSettings().wiring.portNamePattern);
  if ('error' in conversion) return { error: conversion.error };
  const plain = conversion.parts.map((p) => ({ uri: p.doc.file.uri, range: p.doc.range(p.start, p.end), newText: p.replacement }));
  const refused = refuseReason(ctx, plain, conversion.parts.map((p) => p.doc));
  if (refused) return { error: refused };
  return { text: conversion.text, valuesBlock: conversion.valuesBlock, edit: workspaceEdit(ctx, plain) };
}

export function registerCommands(connection: Connection, ctx: HandlerContext): void {
  connection.onExecuteCommand(async (params) => {
    const [argument] = (params.arguments ?? []) as unknown[];
    try {
      switch (params.command) {
        case SERVER_COMMANDS.setWorkerCount:
          return await setWorkerCount(connection, ctx, argument as SetWorkerCountParams);
        case SERVER_COMMANDS.newStack:
          return newStack(argument as NewStackParams);
        case SERVER_COMMANDS.convertHelm:
          return convertHelm(ctx, argument as ConvertHelmParams);
        default:
          return undefined;
      }
    } catch (error) {
      connection.console.error(`obsconf: command ${params.command} failed: ${(error as Error).stack ?? error}`);
      return { error: `obsconf: ${(error as Error).message}` };
    }
  });
}
