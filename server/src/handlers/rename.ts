import { Connection, ErrorCodes, ResponseError, WorkspaceEdit } from 'vscode-languageserver/node';
import { innerSpan, planRename } from '../engine/fixes/ports';
import { indexQueries } from '../engine/fixes/queries';
import { docEditsToPlain, HandlerContext, refuseReason, staleReason, workspaceEdit } from './codeActions';
import { portOccurrenceAt } from './portPositions';

/**
 * Rename a port name in every object wired to it. The new name is checked
 * as an IANA_SVC_NAME (and against names already taken) before anything
 * changes; a refusal is an error the editor shows.
 */
export function registerRename(connection: Connection, ctx: HandlerContext): void {
  connection.onPrepareRename((params) => {
    const stale = staleReason(ctx, params.textDocument.uri);
    if (stale) throw new ResponseError(ErrorCodes.InvalidRequest, stale);
    const occurrence = portOccurrenceAt(ctx, params.textDocument.uri, params.position);
    if (!occurrence) return null;
    const span = innerSpan(occurrence.doc, occurrence.span);
    return { range: occurrence.doc.range(span.start, span.end), placeholder: occurrence.name };
  });
  connection.onRenameRequest((params): WorkspaceEdit | null => {
    const stale = staleReason(ctx, params.textDocument.uri);
    if (stale) throw new ResponseError(ErrorCodes.InvalidRequest, stale);
    const occurrence = portOccurrenceAt(ctx, params.textDocument.uri, params.position);
    if (!occurrence) return null;
    const result = planRename(occurrence, params.newName, indexQueries(ctx.linter.index), ctx.linter.index.allMonitors);
    if (result.error) throw new ResponseError(ErrorCodes.InvalidParams, result.error);
    const plain = docEditsToPlain(result.edits);
    const refused = refuseReason(ctx, plain, result.edits.map((e) => e.doc));
    if (refused) throw new ResponseError(ErrorCodes.InvalidRequest, refused);
    return workspaceEdit(ctx, plain);
  });
}
