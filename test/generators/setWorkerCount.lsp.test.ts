/**
 * "Set worker count" through the built server over stdio, in a workspace
 * where WEB_CONCURRENCY is overridden outside the manifests: the one
 * WorkspaceEdit also changes the number in the gunicorn config or the
 * Dockerfile (a file that is neither YAML nor Python), the result carries a
 * notice that says where, and the edited workspace lints clean. A computed
 * override is refused with its place and no edit is sent.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/engine/documents/lineIndex';
import { applyEdits } from '../../server/src/engine/fixes/text';
import { describe as describeFindings, lint } from '../fixes/harness';
import { LspClient, rangeOf, REPO_ROOT } from '../lsp/client';

const SEED = path.join(REPO_ROOT, 'test', 'fixes', 'fixtures', 'seed');
const OVERRIDE_RULES = new Set(['gunicorn/workers-override', 'wiring/worker-count-override']);

let root: string;
let client: LspClient | undefined;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'obsconf-workers-'));
  cpSync(SEED, root, { recursive: true });
});

afterEach(async () => {
  await client?.dispose();
  client = undefined;
  rmSync(root, { recursive: true, force: true });
});

const read = (name: string) => readFileSync(path.join(root, name), 'utf8');

/** The workspace's files after a WorkspaceEdit (`changes` form), by name. */
function applyWorkspaceEdit(edit: WorkspaceEdit): Map<string, string> {
  const out = new Map(readdirSync(root).map((n) => [n, read(n)]));
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const name = path.basename(decodeURIComponent(uri));
    const text = out.get(name)!;
    const lines = new LineIndex(text);
    out.set(name, applyEdits(text, (edits as TextEdit[]).map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))));
  }
  return out;
}

async function setWorkers(workers: number): Promise<{ result: { applied: boolean; message: string; notice?: string }; applied: WorkspaceEdit[] }> {
  client = await LspClient.start({ root });
  await client.ready();
  const applied: WorkspaceEdit[] = [];
  client.connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
    applied.push(params.edit);
    return { applied: true };
  });
  const result = (await client.connection.sendRequest('workspace/executeCommand', {
    command: 'obsconf.server.setWorkerCount',
    arguments: [{ uri: client.uri('deployment.yml'), position: rangeOf(read('deployment.yml'), 'WEB_CONCURRENCY').start, workers }],
  })) as { applied: boolean; message: string; notice?: string };
  return { result, applied };
}

function assertWired(texts: Map<string, string>): void {
  const findings = lint(new Map([...texts].map(([name, text]) => [`file:///ws/${name}`, text]))).findings.filter((f) => !OVERRIDE_RULES.has(f.ruleId));
  assert.equal(findings.length, 0, describeFindings(findings));
}

describe('Set worker count with an override outside the manifests', () => {
  it('changes workers in gunicorn.conf.py in the same edit, keeping its comment, and says so', async () => {
    writeFileSync(path.join(root, 'gunicorn.conf.py'), 'bind = "0.0.0.0:5000"\nworkers = 6  # one per core\n');
    const { result, applied } = await setWorkers(3);
    assert.equal(result.applied, true, result.message);
    assert.match(result.notice ?? '', /workers = 6 → 3 in gunicorn\.conf\.py \(line 2\).*rebuild/);
    assert.equal(applied.length, 1);
    const texts = applyWorkspaceEdit(applied[0]);
    assert.equal(texts.get('gunicorn.conf.py'), 'bind = "0.0.0.0:5000"\nworkers = 3  # one per core\n');
    assert.match(texts.get('deployment.yml')!, /name: WEB_CONCURRENCY\n {10}value: "3"/);
    assertWired(texts);
  });

  it('changes --workers in the Dockerfile CMD', async () => {
    writeFileSync(path.join(root, 'Dockerfile'), 'FROM python:3.12-slim\nCMD ["gunicorn", "--workers", "6", "app.wsgi"]\n');
    const { result, applied } = await setWorkers(7);
    assert.equal(result.applied, true, result.message);
    assert.match(result.notice ?? '', /--workers 6 → 7 in Dockerfile \(line 2\)/);
    const texts = applyWorkspaceEdit(applied[0]);
    assert.equal(texts.get('Dockerfile'), 'FROM python:3.12-slim\nCMD ["gunicorn", "--workers", "7", "app.wsgi"]\n');
    assertWired(texts);
  });

  it('refuses a computed worker count, naming where it is, and sends no edit', async () => {
    writeFileSync(path.join(root, 'gunicorn.conf.py'), 'import multiprocessing\nworkers = multiprocessing.cpu_count() + 1\n');
    const { result, applied } = await setWorkers(3);
    assert.equal(result.applied, false);
    assert.match(result.message, /workers = multiprocessing\.cpu_count\(\) \+ 1 in gunicorn\.conf\.py \(line 2\), which overrides WEB_CONCURRENCY/);
    assert.equal(applied.length, 0);
  });
});
