import type { Linter } from '../engine/linter';
import type { YamlDoc } from '../engine/documents/yamlFile';

/** The document under an LSP position, and the offset inside it. */
export function docAt(linter: Linter, uri: string, position: { line: number; character: number }): { doc: YamlDoc; offset: number } | undefined {
  const file = linter.index.files.get(uri);
  if (!file || file.kind !== 'yaml') return undefined;
  for (const doc of file.docs) {
    const last = doc.startLine + doc.lines.lineCount - 1;
    if (position.line < doc.startLine || position.line > last) continue;
    const offset = doc.lines.offsetAt({ line: position.line - doc.startLine, character: position.character });
    // A line shared by two documents (the `---` marker) belongs to the second.
    if (position.line === last && offset >= doc.text.length && doc !== file.docs[file.docs.length - 1]) continue;
    return { doc, offset };
  }
  return undefined;
}
