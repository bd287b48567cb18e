/**
 * Positions in multi-document YAML files, without the server process:
 * handlers/positions.ts must give, for every position, the document and
 * offsets a LineIndex over the whole text gave (also after incremental edits
 * moved the later documents), and the hover, rename, references and definition
 * handlers must answer in a later document without reading the file's whole
 * text (which, for an open editor, is joined from pieces on each read).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection, Hover, Location, WorkspaceEdit } from 'vscode-languageserver/node';
import { LineIndex } from '../../server/src/engine/documents/lineIndex';
import { YamlDocuments } from '../../server/src/engine/documents/yamlFile';
import { applyEdits } from '../../server/src/engine/fixes/text';
import { docAtOffset } from '../../server/src/engine/fixes/locate';
import { Linter } from '../../server/src/engine/linter';
import type { HandlerContext } from '../../server/src/handlers/codeActions';
import { registerDefinition } from '../../server/src/handlers/definition';
import { portHover } from '../../server/src/handlers/hover';
import { yamlPositionAt } from '../../server/src/handlers/positions';
import { registerReferences } from '../../server/src/handlers/references';
import { relabelHover } from '../../server/src/handlers/relabelHover';
import { registerRename } from '../../server/src/handlers/rename';
import { rangeOf } from './client';

/** What the handlers computed before: a LineIndex over the whole text, then the document holding that offset. */
function wholeTextAnswer(text: string, docs: YamlDocuments['docs'], position: { line: number; character: number }) {
  const lines = new LineIndex(text);
  if (position.line >= lines.lineCount) return undefined;
  const fileOffset = lines.offsetAt(position);
  const found = docAtOffset(docs, fileOffset);
  return found && { doc: found.doc, offset: found.offset, fileOffset };
}

function assertSameEverywhere(text: string, documents: YamlDocuments, label: string): void {
  const lines = text.split('\n');
  for (let line = 0; line <= lines.length; line++) {
    for (let character = 0; character <= (lines[line]?.length ?? 0) + 2; character++) {
      const position = { line, character };
      const expected = wholeTextAnswer(text, documents.docs, position);
      const actual = yamlPositionAt(documents.docs, position);
      if (expected?.doc !== actual?.doc || expected?.offset !== actual?.offset || expected?.fileOffset !== actual?.fileOffset) {
        assert.fail(
          `${label}: ${line}:${character}: expected doc ${expected?.doc.index} offset ${expected?.offset} (file ${expected?.fileOffset}), got doc ${actual?.doc.index} offset ${actual?.offset} (file ${actual?.fileOffset})`,
        );
      }
    }
  }
}

const SHAPES: [string, string][] = [
  ['one document', 'a: 1\nb: 2\n'],
  ['no final newline', 'a: 1\n---\nb: 2'],
  ['leading marker', '---\na: 1\n---\nb: 2\n'],
  ['markers only', '---\n---\n---\n'],
  ['content on the marker line', 'a: 1\n--- {b: 2}\n--- !!map\nc: 3\n'],
  ['directives above a marker', 'a: 1\n%YAML 1.2\n%TAG ! tag:x,2000:\n---\nb: 2\n'],
  ['document end markers and comments', 'a: 1\n...\n# between\n---\nb: 2\n...\n'],
  ['CRLF line ends', 'a: 1\r\n---\r\nb: 2\r\n---\r\nc: 3\r\n'],
  ['blank lines and a marker with a comment', '\n\na: 1\n\n--- # next\n\nb: [1,\n  2]\n\n'],
  ['non-ASCII text', 'a: "é😀"\n---\nb: "日本"\n'],
  ['empty file', ''],
];

describe('yamlPositionAt', () => {
  for (const [label, text] of SHAPES) {
    it(`agrees with a whole-text LineIndex: ${label}`, () => {
      const documents = new YamlDocuments({ uri: 'file:///t.yaml' });
      documents.update(text);
      assertSameEverywhere(text, documents, label);
    });
  }

  it('agrees after incremental edits moved the later documents', () => {
    let text = Array.from({ length: 12 }, (_, i) => `kind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: v${i}\n`).join('---\n');
    const documents = new YamlDocuments({ uri: 'file:///t.yaml' });
    documents.update(text);
    const edits: { offset: number; removed: number; text: string }[] = [
      { offset: text.indexOf('name: c1'), removed: 0, text: 'x\n\n  ' },
      { offset: 0, removed: 0, text: '# new first line\n' },
      { offset: text.indexOf('k: v3'), removed: 5, text: '' },
      { offset: text.indexOf('data:\n  k: v5'), removed: 0, text: '---\nextra: doc\n' },
      { offset: text.indexOf('---\nkind: ConfigMap\nmetadata:\n  name: c8'), removed: 4, text: '' },
    ];
    for (const [i, edit] of edits.entries()) {
      text = text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.removed);
      documents.update(text, edit);
      assertSameEverywhere(text, documents, `after edit ${i + 1}`);
    }
  });
});

const FILLER = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: filler-${i}\ndata:\n  key: "value ${i}"\n`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-django
  namespace: app
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: django
        image: app
        env:
        - name: METRICS_START_PORT
          value: "5001"
        - name: WEB_CONCURRENCY
          value: "3"
        ports:
        - containerPort: 5001
          name: metrics-1
        - containerPort: 5002
          name: metrics-2
        - containerPort: 5003
          name: metrics-3
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: app-django
  namespace: app
  labels:
    app: web
spec:
  selector:
    app: web
  ports:
  - name: metrics-1
    port: 5001
    targetPort: metrics-1
  - name: metrics-2
    port: 5002
    targetPort: metrics-2
  - name: metrics-3
    port: 5003
    targetPort: metrics-3
`;

const MONITOR = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: app-django
  namespace: app
spec:
  selector:
    matchLabels:
      app: web
  endpoints:
  - port: metrics-1
  - port: metrics-2
  - port: metrics-3
    relabelings:
    - sourceLabels: [__meta_kubernetes_pod_name]
      targetLabel: pod
`;

/** Fake connection that keeps the handlers registered on it. */
function fakeConnection() {
  const handlers: Record<string, (params: unknown) => unknown> = {};
  const keep = (name: string) => (handler: (params: unknown) => unknown) => void (handlers[name] = handler);
  const connection = {
    onPrepareRename: keep('prepareRename'),
    onRenameRequest: keep('rename'),
    onReferences: keep('references'),
    onDefinition: keep('definition'),
    console: { error: (message: string) => assert.fail(message) },
  } as unknown as Connection;
  return { connection, handlers };
}

describe('port and relabel handlers in a later document of a large file', () => {
  it('answer at the right ranges without reading the whole text', () => {
    const uri = 'file:///ws/app.yaml';
    const text = [...Array.from({ length: 200 }, (_, i) => FILLER(i)), DEPLOYMENT, SERVICE, MONITOR].join('---\n');
    const linter = new Linter();
    linter.setFile(uri, text, 'editor', 7);
    while (linter.pending) linter.run();
    // From here on, any read of the whole text is counted.
    const file = linter.index.files.get(uri)!;
    let reads = 0;
    Object.defineProperty(file, 'text', { get: () => (reads++, text), configurable: true });

    const ctx: HandlerContext = {
      linter,
      documents: { get: (u: string) => (u === uri ? { uri, version: 7 } : undefined) } as unknown as HandlerContext['documents'],
      isReady: () => true,
      supportsDocumentChanges: () => false,
    };
    const { connection, handlers } = fakeConnection();
    registerRename(connection, ctx);
    registerReferences(connection, ctx);
    registerDefinition(connection, ctx);
    const textDocument = { uri };
    const serviceStart = text.indexOf('kind: Service\n');
    const monitorStart = text.indexOf('kind: ServiceMonitor\n');
    const inService = rangeOf(text, 'metrics-3', text.slice(0, serviceStart).split('metrics-3').length);
    const inMonitor = rangeOf(text, 'metrics-3', text.slice(0, monitorStart).split('metrics-3').length);
    assert.ok(inService.start.line > 1200, 'the Service is far down the file');

    // Hover on the Service port name: the chain, with the range of the name.
    const hover = portHover(connection, ctx, { textDocument, position: { line: inService.start.line, character: inService.start.character + 2 } }) as Hover;
    assert.ok(hover, 'no hover on the Service port name');
    assert.match((hover.contents as { value: string }).value, /worker 3 of 3/);
    assert.match((hover.contents as { value: string }).value, /container port 5003/);
    assert.deepEqual(hover.range, inService);

    // Go to definition from the endpoint: the Service port name.
    const definition = handlers.definition({ textDocument, position: inMonitor.start }) as Location[];
    assert.deepEqual(definition, [{ uri, range: inService }]);

    // References: container port name, Service port name and targetPort, endpoint.
    const references = handlers.references({ textDocument, position: inMonitor.end, context: { includeDeclaration: true } }) as Location[];
    const expected = [1, 2, 3, 4].map((n) => rangeOf(text, 'metrics-3', n));
    assert.deepEqual(references.map((l) => l.range).sort((a, b) => a.start.line - b.start.line), expected);

    // Rename from the endpoint: the same four names, and nothing else, change.
    const prepared = handlers.prepareRename({ textDocument, position: inMonitor.start }) as { range: unknown; placeholder: string };
    assert.deepEqual(prepared, { range: inMonitor, placeholder: 'metrics-3' });
    const edit = handlers.rename({ textDocument, position: inMonitor.start, newName: 'metrics-three' }) as WorkspaceEdit;
    const lines = new LineIndex(text);
    const renamed = applyEdits(
      text,
      edit.changes![uri].map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })),
    );
    assert.equal(renamed, text.replaceAll('metrics-3', 'metrics-three'));

    // The relabel hover on the ServiceMonitor's relabeling, in the last document.
    const relabel = relabelHover(linter, { textDocument, position: rangeOf(text, 'targetLabel: pod').start });
    assert.match((relabel?.contents as { value: string } | undefined)?.value ?? '', /pod/);
    // Past the last line: nothing, and no error.
    assert.equal(relabelHover(linter, { textDocument, position: { line: lines.lineCount + 5, character: 0 } }), null);
    assert.equal(portHover(connection, ctx, { textDocument, position: { line: lines.lineCount + 5, character: 0 } }), null);

    assert.equal(reads, 0, 'a handler read the whole text of the file');
  });
});
