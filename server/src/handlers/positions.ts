import type { Position } from '../engine/documents/lineIndex';
import type { YamlDoc } from '../engine/documents/yamlFile';

/**
 * Where an LSP position falls in an indexed YAML file, found with the
 * documents' own line indexes: a binary search on the documents' first lines,
 * then one document's LineIndex. A request never reads the whole text (which,
 * for an open editor, would first join it) nor scans it for line breaks, so a
 * hover costs the same in a 176k-line file as in a small one.
 *
 * The result is the one a LineIndex over the whole text gives, followed by
 * `docAtOffset`: `fileOffset` is the file offset of the position (a column past
 * a line's end clamped to it), and where two documents touch (the start of a
 * `---` line) the position belongs to the first, at its end. Positions on lines
 * the file does not have give undefined.
 */
export function yamlPositionAt(docs: readonly YamlDoc[], position: Position): { doc: YamlDoc; offset: number; fileOffset: number } | undefined {
  if (docs.length === 0 || position.line < 0) return undefined;
  // The last document that starts on or before the line: a document starts on
  // the line where the one before it ends, and an empty one starts and ends there.
  let low = 0;
  let high = docs.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (docs[mid].startLine <= position.line) low = mid;
    else high = mid - 1;
  }
  const doc = docs[low];
  const line = position.line - doc.startLine;
  if (line < 0 || line >= doc.lines.lineCount) return undefined;
  const offset = doc.lines.offsetAt({ line, character: Math.max(0, position.character) });
  const fileOffset = doc.startOffset + offset;
  // At a document's very start, the document before it (which ends there) holds the offset first.
  if (offset === 0 && low > 0) {
    let before = low - 1;
    while (before > 0 && docs[before].text.length === 0) before--;
    const previous = docs[before];
    if (previous.startOffset + previous.text.length === fileOffset) return { doc: previous, offset: previous.text.length, fileOffset };
  }
  return { doc, offset, fileOffset };
}
