/**
 * Protocol test: hover, rename and references in a later document of one
 * multi-document file open in the editor, through the built server over stdio,
 * before and after an edit in the first document moved every later line.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/engine/documents/lineIndex';
import { applyEdits } from '../../server/src/engine/fixes/text';
import { LspClient, rangeOf } from './client';

const DOCS = [
  ...Array.from({ length: 40 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: filler-${i}\ndata:\n  key: "value ${i}"\n`),
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
          value: "2"
        ports:
        - containerPort: 5001
          name: metrics-1
        - containerPort: 5002
          name: metrics-2
`,
  `apiVersion: v1
kind: Service
metadata:
  name: web
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
`,
  `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  endpoints:
  - port: metrics-1
  - port: metrics-2
`,
];

let root: string;
let client: LspClient;

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'obsconf-multidoc-'));
  writeFileSync(path.join(root, 'app.yaml'), DOCS.join('---\n'));
  client = await LspClient.start({ root });
  await client.ready();
});

after(async () => {
  await client?.dispose();
  rmSync(root, { recursive: true, force: true });
});

/** The nth occurrence of `needle` from the start of the document that contains `marker`. */
function occurrenceAfter(text: string, marker: string, needle: string) {
  return rangeOf(text, needle, text.slice(0, text.indexOf(marker)).split(needle).length);
}

async function check(text: string): Promise<void> {
  const uri = client.uri('app.yaml');
  const textDocument = { uri };
  const inService = occurrenceAfter(text, 'kind: Service\n', 'metrics-2');
  const inMonitor = occurrenceAfter(text, 'kind: ServiceMonitor\n', 'metrics-2');

  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument, position: inService.start })) as Hover;
  assert.match((hover.contents as { value: string }).value, /worker 2 of 2/);
  assert.deepEqual(hover.range, inService);

  const references = (await client.connection.sendRequest('textDocument/references', {
    textDocument,
    position: inMonitor.start,
    context: { includeDeclaration: true },
  })) as Location[];
  const expected = [1, 2, 3, 4].map((n) => rangeOf(text, 'metrics-2', n));
  assert.deepEqual(references.map((l) => l.range).sort((a, b) => a.start.line - b.start.line), expected);

  const edit = (await client.connection.sendRequest('textDocument/rename', { textDocument, position: inMonitor.start, newName: 'metrics-two' })) as WorkspaceEdit;
  const lines = new LineIndex(text);
  // The test client does not take documentChanges, so the edit comes as plain changes.
  const edits = edit.changes?.[uri] ?? [];
  const renamed = applyEdits(text, edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })));
  assert.equal(renamed, text.replaceAll('metrics-2', 'metrics-two'));
}

describe('navigation in a later document of an open multi-document file', () => {
  it('hover, references and rename answer at the right places, also after an edit above', async () => {
    const uri = client.uri('app.yaml');
    let text = DOCS.join('---\n');
    client.open(uri, text);
    await client.diagnosticsFor(uri, () => true, 'diagnostics of the opened file');
    await check(text);

    // Three new lines in the first document move every later document down.
    const insert = '  # one\n  # two\n  # three\n';
    const at = rangeOf(text, '  name: filler-0\n').end;
    const since = client.mark(uri);
    client.change(uri, [{ range: { start: at, end: at }, text: insert }]);
    const offset = new LineIndex(text).offsetAt(at);
    text = text.slice(0, offset) + insert + text.slice(offset);
    await client.nextDiagnostics(uri, since);
    await check(text);
  });
});
