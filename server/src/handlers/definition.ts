import type { Connection, Location } from 'vscode-languageserver/node';
import { LineIndex } from '../engine/documents/lineIndex';
import { definitionsOf, occurrenceAt } from '../engine/fixes/ports';
import { indexQueries } from '../engine/fixes/queries';
import { HandlerContext, staleReason } from './codeActions';

/** Go to definition: ServiceMonitor endpoint port → Service port → container port. */
export function registerDefinition(connection: Connection, ctx: HandlerContext): void {
  connection.onDefinition((params): Location[] | null => {
    try {
      const uri = params.textDocument.uri;
      const file = ctx.linter.index.files.get(uri);
      if (!file || file.kind !== 'yaml' || staleReason(ctx, uri)) return null;
      const occurrence = occurrenceAt(ctx.linter.index, uri, new LineIndex(file.text).offsetAt(params.position));
      if (!occurrence) return null;
      const found = definitionsOf(occurrence, indexQueries(ctx.linter.index));
      return found.length ? found.map((o) => ({ uri: o.doc.file.uri, range: o.doc.range(o.span.start, o.span.end) })) : null;
    } catch (error) {
      connection.console.error(`obsconf: definition failed: ${(error as Error).stack ?? error}`);
      return null;
    }
  });
}
