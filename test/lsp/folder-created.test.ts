/**
 * A folder created in one go (copied, unpacked, checked out): VS Code's watcher may report the
 * folder and miss the files written into it before it watched the folder (seen in the e2e suite
 * after `cp -r`). The server reads the folder's files itself, skipping excluded and dependency
 * folders.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { LspClient, REPO_ROOT } from './client';

const CREATED = 1;
let root: string;
let client: LspClient;

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'obsconf-lsp-folder-'));
  client = await LspClient.start({ root, settings: { files: { exclude: { '**/generated': true } } } });
  await client.ready();
});

after(async () => {
  await client?.dispose();
  rmSync(root, { recursive: true, force: true });
});

test('a folder reported alone is read: its files are checked, across files', async () => {
  cpSync(path.join(REPO_ROOT, 'examples', 'broken-app'), path.join(root, 'app'), { recursive: true });
  client.filesChanged([{ uri: client.uri('app'), type: CREATED }]);
  // The ServiceMonitor's finding needs the Service of another file of the folder.
  await client.diagnosticsFor(client.uri('app/servicemonitor.yml'), (d) => d.some((x) => x.code === 'wiring/worker-unscraped'));
  await client.diagnosticsFor(client.uri('app/deployment.yml'), (d) => d.some((x) => x.code === 'wiring/worker-port-number'));
});

test('files.exclude and dependency folders stay unread', async () => {
  for (const dir of ['node_modules/pkg', 'generated']) {
    mkdirSync(path.join(root, dir), { recursive: true });
    writeFileSync(path.join(root, dir, 'service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: 70000\n');
  }
  client.filesChanged([
    { uri: client.uri('node_modules'), type: CREATED },
    { uri: client.uri('node_modules/pkg'), type: CREATED },
    { uri: client.uri('generated'), type: CREATED },
  ]);
  // A marker folder after them: once its file is checked, the events before it were handled.
  mkdirSync(path.join(root, 'marker'));
  writeFileSync(path.join(root, 'marker', 'service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: y\nspec:\n  ports:\n  - port: 70000\n');
  client.filesChanged([{ uri: client.uri('marker'), type: CREATED }]);
  await client.diagnosticsFor(client.uri('marker/service.yaml'), (d) => d.some((x) => x.code === 'k8s/service-port-number'));
  assert.equal(client.diagnostics.get(client.uri('node_modules/pkg/service.yaml')), undefined);
  assert.equal(client.diagnostics.get(client.uri('generated/service.yaml')), undefined);
});

test('a deleted folder reported alone takes its files out, among many other deletions in one batch', async () => {
  const DELETED = 3 as const;
  await client.diagnosticsFor(client.uri('app/servicemonitor.yml'), (d) => d.length > 0);
  rmSync(path.join(root, 'app'), { recursive: true, force: true });
  // As after `rm -rf` of a big tree: thousands of non-YAML deletions and the folder itself.
  const noise = Array.from({ length: 5000 }, (_, i) => ({ uri: client.uri(`build/cache/${i}.bin`), type: DELETED }));
  client.filesChanged([...noise, { uri: client.uri('app'), type: DELETED }]);
  await client.diagnosticsFor(client.uri('app/servicemonitor.yml'), (d) => d.length === 0);
  await client.diagnosticsFor(client.uri('app/deployment.yml'), (d) => d.length === 0);
});
