import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../engine/documents/yamlFile';

/**
 * A `TextDocuments` configuration that also remembers where each change
 * landed, as one edit in offsets of the previous text, so that the engine
 * compares and re-parses only the documents around it instead of the whole
 * file on every keystroke.
 */
export class EditTracker {
  private readonly edits = new Map<string, TextChange | undefined>();

  readonly configuration: TextDocumentsConfiguration<TextDocument> = {
    create: (uri, languageId, version, content) => {
      this.edits.delete(uri);
      return TextDocument.create(uri, languageId, version, content);
    },
    update: (document, changes, version) => {
      this.edits.set(document.uri, combinedChange(document, changes));
      return TextDocument.update(document, changes, version);
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
export function combinedChange(document: TextDocument, changes: TextDocumentContentChangeEvent[]): TextChange | undefined {
  let current = document;
  let low = -1;
  let highCurrent = 0;
  let highOriginal = 0;
  for (const change of changes) {
    if (!('range' in change)) return undefined;
    const start = current.offsetAt(change.range.start);
    const end = Math.max(start, current.offsetAt(change.range.end));
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
    if (changes.length > 1) current = TextDocument.update(current, [change], current.version);
  }
  if (low === -1) return undefined;
  const inserted = changes.length === 1 ? changes[0].text : current.getText().slice(low, highCurrent);
  return { offset: low, removed: highOriginal - low, text: inserted };
}
