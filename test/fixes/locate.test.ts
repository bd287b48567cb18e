// docAtOffset finds a document by binary search: it must give what a scan of
// the documents in file order gives, for every offset of files whose documents
// include empty ones and ones that touch at a `---` line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { YamlDocuments, YamlDoc } from '../../server/src/engine/documents/yamlFile';
import { docAtOffset } from '../../server/src/engine/fixes/locate';

function byScan(docs: readonly YamlDoc[], fileOffset: number): { doc: YamlDoc; offset: number } | undefined {
  for (const doc of docs) {
    if (fileOffset >= doc.startOffset && fileOffset <= doc.startOffset + doc.text.length) return { doc, offset: fileOffset - doc.startOffset };
  }
  return undefined;
}

describe('docAtOffset', () => {
  const texts = [
    '',
    'a: 1\n',
    '---\n---\n---\n',
    'a: 1\n---\nb: 2\n---\n---\nc: [3]\n',
    '# only a comment\n---\nkind: Service\n---\n\n---\nkind: Pod\nspec: {}',
    Array.from({ length: 40 }, (_, i) => `---\nname: doc-${i}\n${'x: 1\n'.repeat(i % 5)}`).join(''),
  ];
  for (const text of texts) {
    it(`agrees with a scan on ${JSON.stringify(text.slice(0, 30))}`, () => {
      const documents = new YamlDocuments({ uri: 'file:///t.yaml' });
      documents.update(text);
      for (let offset = -1; offset <= text.length + 1; offset++) {
        assert.deepEqual(docAtOffset(documents.docs, offset), byScan(documents.docs, offset), `offset ${offset}`);
      }
    });
  }
});
