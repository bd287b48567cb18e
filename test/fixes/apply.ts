import { applyEdits, DocEdit, OffsetEdit } from '../../server/src/engine/fixes/text';
import type { Files } from './harness';

/** Applies document edits (from planners) to in-memory files. */
export function applyDocEdits(files: Files, edits: DocEdit[]): Files {
  const byUri = new Map<string, OffsetEdit[]>();
  for (const edit of edits) {
    const uri = edit.doc.file.uri;
    if (!byUri.has(uri)) byUri.set(uri, []);
    byUri.get(uri)!.push({ start: edit.doc.startOffset + edit.start, end: edit.doc.startOffset + edit.end, newText: edit.newText });
  }
  const next = new Map(files);
  for (const [uri, list] of byUri) next.set(uri, applyEdits(files.get(uri) ?? '', list));
  return next;
}
