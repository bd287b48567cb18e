/**
 * The incremental document update (YamlDocuments.update with the edit's
 * range) must give exactly the documents a full split of the new text gives,
 * whatever the edit does to document markers, directives and line breaks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { YamlDocuments } from '../../server/src/engine/documents/yamlFile';
import { combinedChange } from '../../server/src/handlers/documents';

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

const PIECES = ['---', '---\n', '\n---\n', '\n', '-', '--', '%YAML 1.2\n', '%', ' ', 'a: 1\n', 'b:\n  - x\n', '# c\n', '\r\n', '... \n', '|\n  text\n', 'x', ''];

function shape(docs: YamlDocuments) {
  return docs.docs.map((d) => ({ start: d.startOffset, line: d.startLine, index: d.index, text: d.text }));
}

describe('YamlDocuments.update with an edit range', () => {
  it('matches a full split after thousands of random edits', () => {
    const next = random(42);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
    for (let round = 0; round < 40; round++) {
      let text = Array.from({ length: 2 + Math.floor(next() * 6) }, () => pick(['a: 1\n', 'kind: X\nspec:\n  p: 2\n', '%YAML 1.2\n', '# note\n', ''])).join('---\n');
      const incremental = new YamlDocuments({ uri: 'file:///inc.yaml' });
      incremental.update(text);
      for (let step = 0; step < 80; step++) {
        const offset = Math.floor(next() * (text.length + 1));
        const removed = Math.min(text.length - offset, next() < 0.5 ? 0 : Math.floor(next() * 6));
        const inserted = pick(PIECES);
        const before = text;
        text = text.slice(0, offset) + inserted + text.slice(offset + removed);
        const delta = incremental.update(text, { offset, removed, text: inserted });
        const full = new YamlDocuments({ uri: 'file:///full.yaml' });
        full.update(text);
        assert.deepEqual(shape(incremental), shape(full), `round ${round} step ${step}: ${JSON.stringify(before)} → ${JSON.stringify(text)}`);
        for (const doc of delta.removed) assert.equal(doc.alive, false);
        for (const doc of incremental.docs) assert.equal(doc.alive, true);
      }
    }
  });

  it('re-parses only the edited document of a large stream', () => {
    const docs = new YamlDocuments({ uri: 'file:///big.yaml' });
    const one = (i: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  ports:\n  - port: ${1000 + i}\n`;
    let text = Array.from({ length: 500 }, (_, i) => one(i)).join('---\n');
    docs.update(text);
    const offset = text.indexOf('name: s250') + 'name: s250'.length;
    text = text.slice(0, offset) + 'x' + text.slice(offset);
    const delta = docs.update(text, { offset, removed: 0, text: 'x' });
    assert.equal(delta.added.length, 1);
    assert.equal(delta.removed.length, 1);
    assert.match(delta.added[0].text, /name: s250x/);
    assert.equal(docs.docs[251].startOffset, text.indexOf('---', offset));
  });

  it('falls back to a full split when the edit does not fit the previous text', () => {
    const docs = new YamlDocuments({ uri: 'file:///x.yaml' });
    docs.update('a: 1\n---\nb: 2\n');
    const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    docs.update(text, { offset: 0, removed: 0, text: 'x' });
    const full = new YamlDocuments({ uri: 'file:///y.yaml' });
    full.update(text);
    assert.deepEqual(shape(docs), shape(full));
  });
});

describe('combinedChange (the server folds one didChange into one edit)', () => {
  it('describes several incremental changes as one edit of the previous text', () => {
    const next = random(7);
    for (let round = 0; round < 300; round++) {
      const original = Array.from({ length: 1 + Math.floor(next() * 6) }, (_, i) => `line ${i}: ${'x'.repeat(Math.floor(next() * 8))}`).join('\n');
      let document = TextDocument.create('file:///c.yaml', 'yaml', 1, original);
      const changes = [];
      for (let k = 0; k < 1 + Math.floor(next() * 4); k++) {
        const text = document.getText();
        const a = Math.floor(next() * (text.length + 1));
        const b = Math.min(text.length, a + Math.floor(next() * 5));
        const change = { range: { start: document.positionAt(a), end: document.positionAt(b) }, text: ['', 'y', '\n', 'zz\nw'][Math.floor(next() * 4)] };
        changes.push(change);
        document = TextDocument.update(document, [change], document.version + 1);
      }
      const edit = combinedChange(TextDocument.create('file:///c.yaml', 'yaml', 1, original), changes)!;
      const rebuilt = original.slice(0, edit.offset) + edit.text + original.slice(edit.offset + edit.removed);
      assert.equal(rebuilt, document.getText(), `round ${round}`);
    }
  });

  it('gives up on a full-text change', () => {
    const document = TextDocument.create('file:///c.yaml', 'yaml', 1, 'a: 1\n');
    assert.equal(combinedChange(document, [{ text: 'b: 2\n' }]), undefined);
  });
});
