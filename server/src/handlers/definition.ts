import type { Connection, Location } from 'vscode-languageserver/node';
import { definitionsOf } from '../engine/fixes/ports';
import { indexQueries } from '../engine/fixes/queries';
import { HandlerContext, staleReason } from './codeActions';
import { locationOf, portOccurrenceAt } from './portPositions';

/** Go to definition: ServiceMonitor endpoint port → Service port → container port. */
export function registerDefinition(connection: Connection, ctx: HandlerContext): void {
  connection.onDefinition((params): Location[] | null => {
    try {
      const uri = params.textDocument.uri;
      if (staleReason(ctx, uri)) return null;
      const occurrence = portOccurrenceAt(ctx, uri, params.position);
      if (!occurrence) return null;
      const found = definitionsOf(occurrence, indexQueries(ctx.linter.index));
      return found.length ? found.map(locationOf) : null;
    } catch (error) {
      connection.console.error(`obsconf: definition failed: ${(error as Error).stack ?? error}`);
      return null;
    }
  });
}
