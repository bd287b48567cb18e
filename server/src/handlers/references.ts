import type { Connection, Location } from 'vscode-languageserver/node';
import { relatedOccurrences } from '../engine/fixes/ports';
import { indexQueries } from '../engine/fixes/queries';
import { HandlerContext, staleReason } from './codeActions';
import { locationOf, portOccurrenceAt } from './portPositions';

/** Find all references of a port name across the Deployment, Services and monitors wired to it. */
export function registerReferences(connection: Connection, ctx: HandlerContext): void {
  connection.onReferences((params): Location[] | null => {
    try {
      const uri = params.textDocument.uri;
      if (staleReason(ctx, uri)) return null;
      const occurrence = portOccurrenceAt(ctx, uri, params.position);
      if (!occurrence) return null;
      const all = relatedOccurrences(occurrence, indexQueries(ctx.linter.index), ctx.linter.index.allMonitors);
      const declarations = new Set(['container-port', 'service-port']);
      return all
        .filter((o) => params.context.includeDeclaration || !declarations.has(o.role))
        .map(locationOf);
    } catch (error) {
      connection.console.error(`obsconf: references failed: ${(error as Error).stack ?? error}`);
      return null;
    }
  });
}
