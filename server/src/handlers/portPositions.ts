import type { Location, Position } from 'vscode-languageserver/node';
import type { Span } from '../engine/documents/yamlAccess';
import type { YamlDoc } from '../engine/documents/yamlFile';
import { occurrenceAt, PortOccurrence } from '../engine/fixes/ports';
import type { HandlerContext } from './codeActions';
import { yamlPositionAt } from './positions';

/*
 * What the port-name features (definition, references, rename, hover) share:
 * the request's position in the indexed YAML text, and locations of spans.
 */

/** The offset of `position` in the indexed text of a YAML file (from its documents' line indexes); undefined for any other file. */
export function yamlOffsetAt(ctx: HandlerContext, uri: string, position: Position): number | undefined {
  const file = ctx.linter.index.files.get(uri);
  if (!file || file.kind !== 'yaml') return undefined;
  return yamlPositionAt(file.docs, position)?.fileOffset;
}

/** The port name (container port, Service port or targetPort, monitor endpoint) at `position`. */
export function portOccurrenceAt(ctx: HandlerContext, uri: string, position: Position): PortOccurrence | undefined {
  const offset = yamlOffsetAt(ctx, uri, position);
  return offset === undefined ? undefined : occurrenceAt(ctx.linter.index, uri, offset);
}

export function locationOf(at: { doc: YamlDoc; span: Span }): Location {
  return { uri: at.doc.file.uri, range: at.doc.range(at.span.start, at.span.end) };
}
