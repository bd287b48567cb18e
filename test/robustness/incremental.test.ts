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
import { PieceDocument, pieceOptions } from '../../server/src/handlers/pieceDocument';
import { random } from './random';

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
      const edit = combinedChange(PieceDocument.create('file:///c.yaml', 'yaml', 1, original), changes)!;
      const rebuilt = original.slice(0, edit.offset) + edit.text + original.slice(edit.offset + edit.removed);
      assert.equal(rebuilt, document.getText(), `round ${round}`);
    }
  });

  it('gives up on a full-text change', () => {
    const document = PieceDocument.create('file:///c.yaml', 'yaml', 1, 'a: 1\n');
    assert.equal(combinedChange(document, [{ text: 'b: 2\n' }]), undefined);
  });
});

describe('PieceDocument (the open files of the server)', () => {
  it('answers exactly like vscode-languageserver-textdocument through random edits', () => {
    const saved = pieceOptions.size;
    pieceOptions.size = 6; // tiny pieces: every edit crosses seams
    try {
      const next = random(99);
      const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
      const BITS = ['a', 'bc', ' ', '\n', '\r\n', '\r', 'line\n', '😀', 'x: 1\r\n', ''];
      for (let round = 0; round < 60; round++) {
        const initial = Array.from({ length: Math.floor(next() * 40) }, () => pick(BITS)).join('');
        let expected = TextDocument.create('file:///p.yaml', 'yaml', 1, initial);
        let actual = PieceDocument.create('file:///p.yaml', 'yaml', 1, initial);
        for (let step = 0; step < 40; step++) {
          const where = () => ({ line: Math.floor(next() * (expected.lineCount + 2)) - 1, character: Math.floor(next() * 12) - 1 });
          const changes = Array.from({ length: 1 + Math.floor(next() * 2) }, () =>
            next() < 0.03 ? { text: pick(BITS) + pick(BITS) } : { range: { start: where(), end: where() }, text: pick(BITS) + (next() < 0.3 ? pick(BITS) : '') },
          );
          // The reference re-computes its line starts from scratch for every change (the incremental
          // bookkeeping of vscode-languageserver-textdocument itself drifts when edits split a \r\n).
          for (const change of changes) {
            expected = TextDocument.create('file:///p.yaml', 'yaml', step + 2, expected.getText());
            expected = TextDocument.update(expected, [change], step + 2);
          }
          expected = TextDocument.create('file:///p.yaml', 'yaml', step + 2, expected.getText());
          actual = actual.update(changes, step + 2);
          const context = `round ${round} step ${step} ${JSON.stringify(expected.getText())}`;
          assert.equal(actual.lineCount, expected.lineCount, context);
          assert.equal(actual.version, expected.version);
          for (let k = 0; k < 12; k++) {
            const position = where();
            assert.equal(actual.offsetAt(position), expected.offsetAt(position), `${context} offsetAt ${JSON.stringify(position)}`);
            const offset = Math.floor(next() * (expected.getText().length + 3)) - 1;
            assert.deepEqual(actual.positionAt(offset), expected.positionAt(offset), `${context} positionAt ${offset}`);
            const range = { start: where(), end: where() };
            assert.equal(actual.getText(range), expected.getText(range), `${context} getText ${JSON.stringify(range)}`);
            const line = Math.floor(next() * (expected.lineCount + 2)) - 1;
            assert.deepEqual(actual.getLineRange(line), expected.getLineRange(line), `${context} getLineRange ${line}`);
            assert.equal(actual.getEOLCharacters(line), expected.getEOLCharacters(line), `${context} getEOLCharacters ${line}`);
          }
          assert.equal(actual.getText(), expected.getText(), context);
        }
      }
    } finally {
      pieceOptions.size = saved;
    }
  });

  it('keeps earlier versions unchanged (updates return a new document)', () => {
    const first = PieceDocument.create('file:///p.yaml', 'yaml', 1, 'a: 1\nb: 2\n');
    const second = first.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: 'c' }], 2);
    assert.equal(first.getText(), 'a: 1\nb: 2\n');
    assert.equal(second.getText(), 'a: 1\nc: 2\n');
    assert.equal(first.version, 1);
    assert.equal(second.version, 2);
  });
});
