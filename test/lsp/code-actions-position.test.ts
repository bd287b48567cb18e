/**
 * The code-action handler, which the editor calls on every cursor move, finds
 * the request's position with the documents' own line indexes
 * (handlers/positions.ts): in a later document of a large file it offers the
 * actions a LineIndex over the whole text led to, at every line (and past the
 * last one), without reading the file's whole text (which, for an open
 * editor, is joined from pieces on each read).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, CodeActionParams } from 'vscode-languageserver/node';
import { toDiagnostic } from '../../server/src/engine/diagnostics';
import { LineIndex } from '../../server/src/engine/documents/lineIndex';
import { blockActionsAt } from '../../server/src/engine/fixes/blocks';
import { docAtOffset } from '../../server/src/engine/fixes/locate';
import { workerEnvAt } from '../../server/src/engine/fixes/ports';
import { indexQueries } from '../../server/src/engine/fixes/queries';
import { applyEdits } from '../../server/src/engine/fixes/text';
import { Linter } from '../../server/src/engine/linter';
import { codeActions, HandlerContext } from '../../server/src/handlers/codeActions';

const FILLER = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: filler-${i}\ndata:\n  key: "value ${i}"\n`;

// Three workers but two container ports: the Deployment gets the port generator, "Set worker count…" on its env and a quick fix; the Service, last in the file so that lines past the end reach it, gets its own generator.
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
`;

describe('code actions in a later document of a large file', () => {
  it('are the ones a whole-text LineIndex gave, at every line, without reading the whole text', () => {
    const uri = 'file:///ws/app.yaml';
    const text = [...Array.from({ length: 200 }, (_, i) => FILLER(i)), DEPLOYMENT, MONITOR, SERVICE].join('---\n');
    const linter = new Linter();
    linter.setFile(uri, text, 'editor', 7);
    while (linter.pending) linter.run();
    const file = linter.index.files.get(uri)!;
    const ctx: HandlerContext = {
      linter,
      documents: { get: (u: string) => (u === uri ? { uri, version: 7 } : undefined) } as unknown as HandlerContext['documents'],
      isReady: () => true,
      supportsDocumentChanges: () => false,
    };

    // What the handler offered before: the offset from a LineIndex over the whole text, then the document holding it.
    const lines = new LineIndex(text);
    const queries = indexQueries(linter.index);
    const pattern = linter.getSettings().wiring.portNamePattern;
    const expectedTitles = (position: { line: number; character: number }): string[] => {
      const offset = lines.offsetAt(position);
      const doc = docAtOffset(file.docs, offset)?.doc;
      if (!doc || doc.parsed.errors.length) return [];
      const titles = blockActionsAt(linter.index, queries, uri, offset, pattern).map((a) => a.title);
      if (workerEnvAt(linter.index, uri, offset)) titles.push('Set worker count…');
      return titles;
    };
    const deploymentLine = lines.positionAt(text.indexOf('kind: Deployment')).line;
    assert.ok(deploymentLine > 1200, 'the Deployment is far down the file');
    const positions: { line: number; character: number }[] = [];
    for (let line = deploymentLine - 3; line < lines.lineCount + 3; line++) {
      for (const character of [0, 4, 11, 200]) positions.push({ line, character });
    }
    const expected = positions.map(expectedTitles);
    const finding = linter.findingsFor(uri).find((f) => f.ruleId === 'wiring/worker-unscraped' && f.fixes?.length);
    assert.ok(finding, 'the fixture has a finding with a quick fix');
    const diagnostic = toDiagnostic(finding);

    // From here on, any read of the whole text is counted.
    let reads = 0;
    Object.defineProperty(file, 'text', { get: () => (reads++, text), configurable: true });
    const ask = (position: { line: number; character: number }, context: CodeActionParams['context']): CodeAction[] =>
      codeActions(ctx, { textDocument: { uri }, range: { start: position, end: position }, context });

    const actual = positions.map((position) => ask(position, { diagnostics: [], only: ['refactor'] }).map((a) => a.title));
    positions.forEach((position, i) => assert.deepEqual(actual[i], expected[i], `actions at ${position.line}:${position.character}`));
    // The scenario exercises every kind of action it was built for.
    const offered = new Set(expected.flat());
    assert.ok([...offered].some((t) => t.startsWith('Generate metrics ports for 3 workers')), [...offered].join(', '));
    assert.ok(offered.has('Set worker count…'));
    assert.ok([...offered].some((t) => t.startsWith("Add the ports of the selected pods'")), [...offered].join(', '));

    // The quick fix of a diagnostic in the Deployment, with an edit at the right place.
    const quick = ask(diagnostic.range.start, { diagnostics: [diagnostic] }).filter((a) => a.kind === 'quickfix');
    assert.equal(quick.length, 1);
    assert.equal(quick[0].title, finding.fixes![0].title);
    const edits = quick[0].edit!.changes![uri];
    const fixed = applyEdits(text, edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })));
    assert.match(fixed.slice(fixed.indexOf('kind: Deployment')), /containerPort: 5003\s+name: metrics-3/);

    assert.equal(reads, 0, 'the code-action handler read the whole text of the file');
  });
});
