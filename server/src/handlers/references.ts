import type { Connection, Location } from 'vscode-languageserver/node';
import { LineIndex } from '../engine/documents/lineIndex';
import { occurrenceAt, relatedOccurrences } from '../engine/fixes/ports';
import { indexQueries } from '../engine/fixes/queries';
import { HandlerContext, staleReason } from './codeActions';

/** Find all references of a port name across the Deployment, Services and monitors wired to it. */
export function registerReferences(connection: Connection, ctx: HandlerContext): void {
  connection.onReferences((params): Location[] | null => {
    try {
      const uri = params.textDocument.uri;
      const file = ctx.linter.index.files.get(uri);
      if (!file || file.kind !== 'yaml' || staleReason(ctx, uri)) return null;
      const occurrence = occurrenceAt(ctx.linter.index, uri, new LineIndex(file.text).offsetAt(params.position));
      if (!occurrence) return null;
      const all = relatedOccurrences(occurrence, indexQueries(ctx.linter.index), ctx.linter.index.allMonitors);
      const declarations = new Set(['container-port', 'service-port']);
      return all
        .filter((o) => params.context.includeDeclaration || !declarations.has(o.role))
        .map((o) => ({ uri: o.doc.file.uri, range: o.doc.range(o.span.start, o.span.end) }));
    } catch (error) {
      connection.console.error(`obsconf: references failed: ${(error as Error).stack ?? error}`);
      return null;
    }
  });
}
