// The fast YAML path (server/src/engine/documents/fastLexer.ts, fastCst.ts)
// against `yaml` itself: on every YAML document in the repository, on the
// bench's generated apps and on thousands of mutated documents, whenever the
// fast path accepts a text its lexemes, its CST and the composed Document must
// equal `yaml`'s exactly; and it must accept the plain manifests it exists for.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Lexer, Parser, isCollection, isPair, isScalar, parseDocument, type Document } from 'yaml';
import { buildCst } from '../../server/src/engine/documents/fastCst';
import { lexPlainBlockYaml } from '../../server/src/engine/documents/fastLexer';
import { parseYamlDocument } from '../../server/src/engine/documents/parseYaml';
import { splitDocuments } from '../../server/src/engine/documents/yamlFile';
// @ts-expect-error: a plain ES module script without type declarations
import { generateApps } from '../bench/generate.mjs';

const repo = join(__dirname, '..', '..');

function documentsOf(text: string): string[] {
  return splitDocuments(text).map((chunk) => text.slice(chunk.start, chunk.end));
}

function repositoryDocuments(): string[] {
  const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: repo, encoding: 'utf8' }).split('\n').filter(Boolean);
  return files.flatMap((file) => documentsOf(readFileSync(join(repo, file), 'utf8')));
}

/** Everything of a node that rules and fixes read: kind, value, style, ranges, comments. */
function dump(node: unknown): unknown {
  if (isScalar(node)) return ['scalar', node.value, node.type, node.format, node.range, node.comment, node.commentBefore, node.spaceBefore, node.tag];
  if (isPair(node)) return ['pair', dump(node.key), dump(node.value)];
  if (isCollection(node)) {
    return [node.constructor.name, node.flow, node.range, node.comment, node.commentBefore, node.spaceBefore, node.items.map(dump)];
  }
  return node === null ? null : String(node);
}

function dumpDocument(doc: Document.Parsed): unknown {
  return [dump(doc.contents), doc.range, doc.comment, doc.commentBefore, doc.directives?.docStart, doc.errors.map((e) => [e.code, e.pos]), doc.warnings.map((e) => [e.code, e.pos])];
}

interface Tally {
  lexed: number;
  built: number;
}

function assertSameAsYaml(text: string, tally: Tally): void {
  const lexemes = lexPlainBlockYaml(text);
  if (lexemes) {
    tally.lexed++;
    assert.deepEqual(lexemes, Array.from(new Lexer().lex(text)), `lexemes differ for ${JSON.stringify(text.slice(0, 300))}`);
    const tokens = buildCst(lexemes);
    if (tokens) {
      tally.built++;
      assert.deepEqual(tokens, Array.from(new Parser().parse(text)), `CST differs for ${JSON.stringify(text.slice(0, 300))}`);
    }
  }
  const expected = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  assert.deepEqual(dumpDocument(parseYamlDocument(text)), dumpDocument(expected), `document differs for ${JSON.stringify(text.slice(0, 300))}`);
}

/** xorshift32: the same mutations on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

const PIECES = [' ', '  ', '\n', '\r\n', ':', ': ', '-', '- ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '?', '? ', '---', '...', 'a', 'x: y',
  '\n  ', '\n- ', '\\', '""', "''", '*a', '&a', '!t', '|', '>', '%', '@', '\n\n', '\n#c\n', 'k:', ':x', '\t', '[a, b]', '{a: 1}', '"q\\"x"'];

function mutate(text: string, next: () => number): string {
  let s = text.length > 3000 ? text.slice(0, 3000) : text;
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (s.length + 1));
    const r = next();
    if (r < 0.5) s = s.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + s.slice(at);
    else if (r < 0.8) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(next() * 3));
    else {
      // Indent or dedent a line by one column.
      const lineStart = s.lastIndexOf('\n', at) + 1;
      s = next() < 0.5 ? s.slice(0, lineStart) + ' ' + s.slice(lineStart) : s.slice(0, lineStart) + s.slice(lineStart + 1);
    }
  }
  return s;
}

describe('fast YAML path', () => {
  const corpus = repositoryDocuments();

  it('equals yaml on every YAML document in the repository', () => {
    const tally = { lexed: 0, built: 0 };
    for (const text of corpus) assertSameAsYaml(text, tally);
    // Most of the corpus is plain block YAML: the fast path must keep covering it.
    assert.ok(tally.built > corpus.length * 0.8, `fast path took ${tally.built} of ${corpus.length} documents`);
  });

  it('takes every document of the bench workspace, with the same result', () => {
    const { multiDocument } = generateApps(40, 3);
    const documents = documentsOf(multiDocument);
    const tally = { lexed: 0, built: 0 };
    for (const text of documents) assertSameAsYaml(text, tally);
    assert.equal(tally.built, documents.length);
  });

  it('equals yaml on mutated documents', () => {
    const next = random(20261125);
    const tally = { lexed: 0, built: 0 };
    const cases = 4000;
    for (let n = 0; n < cases; n++) assertSameAsYaml(mutate(corpus[Math.floor(next() * corpus.length)], next), tally);
    // The mutations must exercise the fast path, not only the fallback.
    assert.ok(tally.built > cases / 2, `fast path took ${tally.built} of ${cases} mutated documents`);
  });

  it('gives up on what it does not cover, and parseYamlDocument still equals yaml there', () => {
    const outside = [
      'a:\tb\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  text\n',
      'a: >-\n  folded\n',
      'a: "two\n  lines"\n',
      'a: [1,\n  2]\n',
      '%YAML 1.2\n---\na: 1\n',
      '\uFEFFa: 1\n',
      'a: 1\n...\n',
      'a: 1\rb: 2\n',
    ];
    const tally = { lexed: 0, built: 0 };
    for (const text of outside) {
      assert.equal(lexPlainBlockYaml(text), undefined, JSON.stringify(text));
      assertSameAsYaml(text, tally);
    }
    // Lexed, but the CST builder leaves the Parser's rarer paths to the Parser.
    const rarePaths = ['? complex\n: value\n', 'a: - b\n', '[a, b]: c\n'];
    for (const text of rarePaths) {
      const lexemes = lexPlainBlockYaml(text);
      assert.ok(lexemes, JSON.stringify(text));
      assert.equal(buildCst(lexemes), undefined, JSON.stringify(text));
      assertSameAsYaml(text, tally);
    }
  });

  it('covers CRLF text, comments in every position, flow sequences and empty values', () => {
    const inside = [
      'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: x # trailing\r\n',
      '# head\n\n---\n# Source: chart/templates/a.yaml\na:\n  b: 1\n  # in b\n# at root\nc:\n- x\n# between\n- y\n\n# end\n',
      'command: ["gunicorn", \'app\', --bind, "0.0.0.0:8000"]\nempty: []\nnone: {}\nnull:\nafter: 1\n',
      'a: plain text\n  continued here\nb: 2\n',
      'list:\n- - nested\n- name: a\n  value: b\n-   spaced: 1\n',
    ];
    const tally = { lexed: 0, built: 0 };
    for (const text of inside) assertSameAsYaml(text, tally);
    assert.equal(tally.lexed, inside.length);
  });
});
