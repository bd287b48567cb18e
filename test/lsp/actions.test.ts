/**
 * Protocol tests for issue 4's features, through the built server over
 * stdio on a copy of the seed's three files: rename and "Set worker count"
 * produce one WorkspaceEdit with edits in all three files; quick fixes and
 * fix-all come from the diagnostics; navigation and hovers; and bad input
 * (a file changed on disk, a Helm template, broken YAML) gets no edit.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/engine/fixes/text';
import { LineIndex } from '../../server/src/engine/documents/lineIndex';
import { describe as describeFindings, lint } from '../fixes/harness';
import { LspClient, rangeOf, REPO_ROOT } from './client';

const SEED = path.join(REPO_ROOT, 'test', 'fixes', 'fixtures', 'seed');
const NAMES = ['deployment.yml', 'service.yml', 'servicemonitor.yml'];

let root: string;
let client: LspClient | undefined;

const read = (name: string) => readFileSync(path.join(root, name), 'utf8');

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'obsconf-actions-'));
  cpSync(SEED, root, { recursive: true });
});

afterEach(async () => {
  await client?.dispose();
  client = undefined;
  rmSync(root, { recursive: true, force: true });
});

async function start(): Promise<LspClient> {
  client = await LspClient.start({ root });
  await client.ready();
  return client;
}

/** Applies a WorkspaceEdit (`changes` form) to the files on disk' text, returning the new texts by file name. */
function applyWorkspaceEdit(edit: WorkspaceEdit): Map<string, string> {
  const out = new Map(NAMES.map((n) => [n, read(n)]));
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const name = path.basename(decodeURIComponent(uri));
    const text = out.get(name)!;
    const lines = new LineIndex(text);
    out.set(name, applyEdits(text, (edits as TextEdit[]).map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))));
  }
  return out;
}

function lintTexts(texts: Map<string, string>) {
  return lint(new Map([...texts].map(([name, text]) => [`file:///ws/${name}`, text]))).findings;
}

function editedFiles(edit: WorkspaceEdit): string[] {
  return Object.keys(edit.changes ?? {}).map((uri) => path.basename(decodeURIComponent(uri))).sort();
}

describe('rename', () => {
  it('renames a port name across the Deployment, the Service and the ServiceMonitor', async () => {
    const c = await start();
    const monitor = read('servicemonitor.yml');
    const at = rangeOf(monitor, 'metrics-3').start;
    const prepared = (await c.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: c.uri('servicemonitor.yml') }, position: at })) as { placeholder: string };
    assert.equal(prepared.placeholder, 'metrics-3');
    const edit = (await c.connection.sendRequest('textDocument/rename', {
      textDocument: { uri: c.uri('servicemonitor.yml') },
      position: at,
      newName: 'metrics-three',
    })) as WorkspaceEdit;
    assert.deepEqual(editedFiles(edit), NAMES);
    const texts = applyWorkspaceEdit(edit);
    assert.equal(texts.get('deployment.yml')!.split('metrics-three').length - 1, 1);
    assert.equal(texts.get('service.yml')!.split('metrics-three').length - 1, 2, 'Service port name and targetPort');
    assert.equal(texts.get('servicemonitor.yml')!.split('metrics-three').length - 1, 1);
    for (const text of texts.values()) assert.doesNotMatch(text, /metrics-3\b/);
    const findings = lintTexts(texts);
    assert.equal(findings.length, 0, describeFindings(findings));
  });

  it('refuses a name that is not an IANA_SVC_NAME, before changing anything', async () => {
    const c = await start();
    const deployment = read('deployment.yml');
    const request = c.connection.sendRequest('textDocument/rename', {
      textDocument: { uri: c.uri('deployment.yml') },
      position: rangeOf(deployment, 'metrics-2').start,
      newName: 'django-metrics-2',
    });
    await assert.rejects(request, /IANA_SVC_NAME.*1 to 15 characters/);
    const taken = c.connection.sendRequest('textDocument/rename', {
      textDocument: { uri: c.uri('deployment.yml') },
      position: rangeOf(deployment, 'metrics-2').start,
      newName: 'metrics-4',
    });
    await assert.rejects(taken, /already has a container port named "metrics-4"/);
  });
});

describe('Set worker count', () => {
  it('sends one WorkspaceEdit with edits in all three files, and the result is lint-clean', async () => {
    const c = await start();
    const applied: WorkspaceEdit[] = [];
    c.connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      applied.push(params.edit);
      return { applied: true };
    });
    const deployment = read('deployment.yml');
    const result = (await c.connection.sendRequest('workspace/executeCommand', {
      command: 'obsconf.server.setWorkerCount',
      arguments: [{ uri: c.uri('deployment.yml'), position: rangeOf(deployment, 'WEB_CONCURRENCY').start, workers: 7 }],
    })) as { applied: boolean; message: string };
    assert.equal(result.applied, true, result.message);
    assert.equal(applied.length, 1);
    assert.deepEqual(editedFiles(applied[0]), NAMES);
    const texts = applyWorkspaceEdit(applied[0]);
    assert.match(texts.get('deployment.yml')!, /name: WEB_CONCURRENCY\n {10}value: "7"/);
    assert.match(texts.get('servicemonitor.yml')!, /port: metrics-7\n/);
    const findings = lintTexts(texts);
    assert.equal(findings.length, 0, describeFindings(findings));

    const bad = (await c.connection.sendRequest('workspace/executeCommand', {
      command: 'obsconf.server.setWorkerCount',
      arguments: [{ uri: c.uri('deployment.yml'), workers: 0 }],
    })) as { applied: boolean; message: string };
    assert.equal(bad.applied, false);
    assert.match(bad.message, /whole number/);
    assert.equal(applied.length, 1, 'no edit for a refused count');
  });
});

describe('code actions', () => {
  async function brokenMonitor(): Promise<{ c: LspClient; diagnostics: Diagnostic[] }> {
    writeFileSync(path.join(root, 'servicemonitor.yml'), read('servicemonitor.yml').replace('  - interval: 15s\n    port: metrics-5\n', ''));
    const c = await start();
    const diagnostics = await c.diagnosticsFor(c.uri('servicemonitor.yml'), (d) => d.some((x) => x.code === 'wiring/worker-unscraped'));
    return { c, diagnostics };
  }

  it('offers the quick fix from the diagnostic, and fix-all', async () => {
    const { c, diagnostics } = await brokenMonitor();
    const uri = c.uri('servicemonitor.yml');
    const actions = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title.startsWith('Add endpoint "metrics-5"'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join('; '));
    assert.equal(fix.kind, 'quickfix');
    const texts = applyWorkspaceEdit(fix.edit);
    assert.equal(texts.get('servicemonitor.yml'), readFileSync(path.join(SEED, 'servicemonitor.yml'), 'utf8'));

    const fixAll = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0].kind, 'source.fixAll.obsconf');
    assert.equal(applyWorkspaceEdit(fixAll[0].edit!).get('servicemonitor.yml'), readFileSync(path.join(SEED, 'servicemonitor.yml'), 'utf8'));
  });

  it('offers the block generator on a ServiceMonitor, and nothing once the block is complete', async () => {
    const { c } = await brokenMonitor();
    const uri = c.uri('servicemonitor.yml');
    const text = read('servicemonitor.yml');
    const ask = async () =>
      (await c.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: rangeOf(text, 'endpoints'),
        context: { diagnostics: [], only: ['refactor'] },
      })) as CodeAction[];
    const actions = await ask();
    const generate = actions.find((a) => a.title.startsWith('Add an endpoint per Service metrics port'));
    assert.ok(generate?.edit);
    assert.equal(applyWorkspaceEdit(generate.edit).get('servicemonitor.yml'), readFileSync(path.join(SEED, 'servicemonitor.yml'), 'utf8'));
  });

  it('gives no edit for a file changed on disk since it was indexed', async () => {
    const { c, diagnostics } = await brokenMonitor();
    const uri = c.uri('servicemonitor.yml');
    // Changed behind the server's back (no watcher event yet): edits computed from the old text would land wrong.
    writeFileSync(path.join(root, 'servicemonitor.yml'), `# moved\n${read('servicemonitor.yml')}`);
    const actions = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    assert.ok(actions.every((a) => !a.edit), JSON.stringify(actions));
    // The Deployment's fix of a Service port in the changed file is refused with a reason, not offered.
    const applied: unknown[] = [];
    c.connection.onRequest('workspace/applyEdit', (params: unknown) => {
      applied.push(params);
      return { applied: true };
    });
    const result = (await c.connection.sendRequest('workspace/executeCommand', {
      command: 'obsconf.server.setWorkerCount',
      arguments: [{ uri: c.uri('deployment.yml'), workers: 6 }],
    })) as { applied: boolean; message: string };
    assert.equal(result.applied, false);
    assert.match(result.message, /servicemonitor\.yml changed on disk/);
    assert.equal(applied.length, 0);
  });

  it('gives nothing on a Helm template or on broken YAML', async () => {
    writeFileSync(path.join(root, 'template.yaml'), 'ports:\n  {{- range $i := until 3 }}\n  - name: metrics-{{ add1 $i }}\n  {{- end }}\n');
    writeFileSync(path.join(root, 'broken.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  namespace: app\n  labels: {app: [\nspec:\n  ports:\n  - name: metrics-1\n    port: 5001\n');
    const c = await start();
    for (const name of ['template.yaml', 'broken.yaml']) {
      const actions = (await c.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: c.uri(name) },
        range: { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } },
        context: { diagnostics: [] },
      })) as CodeAction[];
      assert.ok(actions.every((a) => !a.edit), `${name}: ${JSON.stringify(actions)}`);
    }
  });
});

describe('generators through the protocol', () => {
  it('offers "Set worker count…" on WEB_CONCURRENCY, generates a new stack and converts to Helm loops', async () => {
    const c = await start();
    const deployment = read('deployment.yml');
    const actions = (await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: c.uri('deployment.yml') },
      range: rangeOf(deployment, 'WEB_CONCURRENCY'),
      context: { diagnostics: [] },
    })) as CodeAction[];
    const set = actions.find((a) => a.title === 'Set worker count…');
    assert.equal(set?.command?.command, 'obsconf.setWorkerCount');
    assert.deepEqual((set?.command?.arguments?.[0] as { uri: string }).uri, c.uri('deployment.yml'));

    const stack = (await c.connection.sendRequest('workspace/executeCommand', {
      command: 'obsconf.server.newDjangoMetricsStack',
      arguments: [{ appName: 'shop', namespace: 'shop', image: 'shop:1', httpPort: 8000, workers: 3, startPort: 6001, scrapeInterval: '30s', layout: 'split' }],
    })) as { files: { name: string; text: string }[] };
    assert.deepEqual(stack.files.map((f) => f.name), ['deployment.yaml', 'service.yaml', 'servicemonitor.yaml']);
    const refused = (await c.connection.sendRequest('workspace/executeCommand', {
      command: 'obsconf.server.newDjangoMetricsStack',
      arguments: [{ appName: 'Shop', namespace: 'shop', image: 'shop:1', httpPort: 8000, workers: 3, startPort: 6001, scrapeInterval: '30s', layout: 'split' }],
    })) as { error?: string };
    assert.match(refused.error ?? '', /App name "Shop"/);

    const helm = (await c.connection.sendRequest('workspace/executeCommand', {
      command: 'obsconf.server.convertToHelm',
      arguments: [{ uri: c.uri('deployment.yml') }],
    })) as { edit: WorkspaceEdit; valuesBlock: string };
    assert.deepEqual(editedFiles(helm.edit), NAMES);
    assert.match(helm.valuesBlock, /WEB_CONCURRENCY: 5/);
  });
});

describe('navigation and hovers', () => {
  it('goes from the endpoint to the Service port to the container port', async () => {
    const c = await start();
    const monitor = read('servicemonitor.yml');
    const service = read('service.yml');
    const first = (await c.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: c.uri('servicemonitor.yml') },
      position: rangeOf(monitor, 'metrics-3').start,
    })) as Location[];
    assert.equal(first.length, 1);
    assert.equal(first[0].uri, c.uri('service.yml'));
    assert.deepEqual(first[0].range, rangeOf(service, 'metrics-3'));
    const second = (await c.connection.sendRequest('textDocument/definition', { textDocument: { uri: first[0].uri }, position: first[0].range.start })) as Location[];
    assert.equal(second[0].uri, c.uri('deployment.yml'));
    assert.deepEqual(second[0].range, rangeOf(read('deployment.yml'), 'metrics-3'));

    const references = (await c.connection.sendRequest('textDocument/references', {
      textDocument: { uri: c.uri('deployment.yml') },
      position: second[0].range.start,
      context: { includeDeclaration: true },
    })) as Location[];
    assert.equal(references.length, 4, 'container port, Service port name and targetPort, endpoint');
  });

  it('shows the chain on a port name and the worker table on WEB_CONCURRENCY', async () => {
    const c = await start();
    const service = read('service.yml');
    const chain = (await c.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: c.uri('service.yml') },
      position: rangeOf(service, 'metrics-3').start,
    })) as { contents: { value: string } };
    assert.match(chain.contents.value, /worker 3 of 5/);
    assert.match(chain.contents.value, /container port 5003/);
    assert.match(chain.contents.value, /interval 15s, scrape job `serviceMonitor\/app\/app-django\/2`/);
    const deployment = read('deployment.yml');
    const table = (await c.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: c.uri('deployment.yml') },
      position: rangeOf(deployment, 'WEB_CONCURRENCY').start,
    })) as { contents: { value: string } };
    assert.match(table.contents.value, /\| 5 \| 5005 \| `metrics-5` \| `metrics-5` \| app-django#5 \|/);
  });
});
