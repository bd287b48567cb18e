import type { Connection, Hover, HoverParams } from 'vscode-languageserver/node';
import { occurrenceAt, portChainMarkdown, workerEnvAt, workerTableMarkdown } from '../engine/fixes/ports';
import { indexQueries } from '../engine/fixes/queries';
import { HandlerContext, staleReason } from './codeActions';
import { yamlOffsetAt } from './portPositions';

/**
 * Hovers: a port name shows its chain to the scrape job; WEB_CONCURRENCY /
 * METRICS_START_PORT show the worker → port table. A connection has one
 * hover handler, so server.ts composes this one with the others.
 */
export function portHover(connection: Connection, ctx: HandlerContext, params: HoverParams): Hover | null {
  {
    try {
      const uri = params.textDocument.uri;
      const offset = yamlOffsetAt(ctx, uri, params.position);
      if (offset === undefined || staleReason(ctx, uri)) return null;
      const queries = indexQueries(ctx.linter.index);
      const pattern = ctx.linter.getSettings().wiring.portNamePattern;
      const occurrence = occurrenceAt(ctx.linter.index, uri, offset);
      if (occurrence) {
        return {
          contents: { kind: 'markdown', value: portChainMarkdown(occurrence, queries, pattern) },
          range: occurrence.doc.range(occurrence.span.start, occurrence.span.end),
        };
      }
      const env = workerEnvAt(ctx.linter.index, uri, offset);
      if (env) {
        const value = workerTableMarkdown(env.workload, env.container, queries, pattern);
        if (value) return { contents: { kind: 'markdown', value } };
      }
      return null;
    } catch (error) {
      connection.console.error(`obsconf: hover failed: ${(error as Error).stack ?? error}`);
      return null;
    }
  }
}
