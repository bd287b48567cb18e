import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import type { TextChange } from '../engine/documents/yamlFile';
import { PieceDocument } from './pieceDocument';

/**
 * A `TextDocuments` configuration that keeps open files as `PieceDocument`s
 * and remembers where each change landed, as one edit in offsets of the
 * previous text, so that the engine compares and re-parses only the
 * documents around it instead of the whole file on every keystroke.
 */
export class EditTracker {
  private readonly edits = new Map<string, TextChange | undefined>();

  readonly configuration: TextDocumentsConfiguration<PieceDocument> = {
    create: (uri, languageId, version, content) => {
      this.edits.delete(uri);
      return PieceDocument.create(uri, languageId, version, content);
    },
    update: (document, changes, version) => {
      this.edits.set(document.uri, combinedChange(document, changes));
      return document.update(changes, version);
    },
  };

  /** The edit of the latest change of `uri` (once), or undefined when unknown (open, full-text change). */
  take(uri: string): TextChange | undefined {
    const edit = this.edits.get(uri);
    this.edits.delete(uri);
    return edit;
  }
}

/**
 * Folds a sequence of incremental changes (each in coordinates of the text
 * after the previous one) into one edit of the original text; undefined when
 * a change replaces the whole text.
 */
export function combinedChange(document: PieceDocument, changes: TextDocumentContentChangeEvent[]): TextChange | undefined {
  let current = document;
  let low = -1;
  let highCurrent = 0;
  let highOriginal = 0;
  for (const change of changes) {
    if (!('range' in change)) return undefined;
    const a = current.offsetAt(change.range.start);
    const b = current.offsetAt(change.range.end);
    const start = Math.min(a, b);
    const end = Math.max(a, b);
    if (low === -1) {
      low = start;
      highCurrent = start;
      highOriginal = start;
    }
    const reach = Math.max(highCurrent, end);
    highOriginal += reach - highCurrent;
    highCurrent = reach + change.text.length - (end - start);
    low = Math.min(low, start);
    // Only a further change needs positions in the intermediate text.
    if (changes.length > 1) current = current.update([change], current.version);
  }
  if (low === -1) return undefined;
  const inserted = changes.length === 1 ? changes[0].text : current.getText().slice(low, highCurrent);
  return { offset: low, removed: highOriginal - low, text: inserted };
}
