/** The relabel features through the built server over stdio: diagnostics, hover, CodeLens and the preview request. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { LspClient, positionOf } from '../lsp/client';
import { RELABEL_PREVIEW_REQUEST, RelabelPreviewResult } from '../../server/src/protocol';

const TEXT = `scrape_configs:
  - job_name: 'prometheus'
    static_configs:
    - targets: ['localhost:9090']
    relabel_configs:
      - source_labels: [__address__]
        target_label: my_new_label
        replacement: "my-new-label-value"
      - source_labels: [__address__]
        regex: 'foo(?=bar)'
        action: drop
`;

let root: string;
let client: LspClient;
let uri: string;

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'obsconf-relabel-lsp-'));
  writeFileSync(path.join(root, 'prometheus.yml'), TEXT);
  client = await LspClient.start({ root, settings: { obsconf: { prometheus: { version: '2.42' } } } });
  await client.ready();
  uri = client.uri('prometheus.yml');
  client.open(uri, TEXT);
});

after(async () => {
  await client?.dispose();
  rmSync(root, { recursive: true, force: true });
});

test('the PCRE lookahead is an error at the regex', async () => {
  const diagnostics = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'prometheus/relabel-regex'));
  const regex = diagnostics.find((d) => d.code === 'prometheus/relabel-regex')!;
  assert.deepEqual(regex.range.start, positionOf(TEXT, TEXT.indexOf("'foo(?=bar)'")));
  assert.match(String(regex.message), /lookahead/);
});

test('hover explains the seed rule with its defaults', async () => {
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(TEXT, TEXT.indexOf('my_new_label')) })) as { contents: { value: string } };
  assert.match(hover.contents.value, /Sets label my_new_label to "my-new-label-value" on every target\./);
  assert.match(String(hover.contents.value), /separator: ";" {3}# default/);
});

test('a CodeLens on the list and a preview of the valid prefix', async () => {
  const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }[];
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].range.start.line, 4);
  assert.equal(lenses[0].command.command, 'obsconf.relabelPreview');
  const position = lenses[0].command.arguments[1] as { line: number; character: number };
  const samples = (await client.connection.sendRequest(RELABEL_PREVIEW_REQUEST, { uri, position })) as RelabelPreviewResult;
  assert.match(samples.samples ?? '', /localhost:9090/);
  const preview = (await client.connection.sendRequest(RELABEL_PREVIEW_REQUEST, { uri, position, labels: samples.samples })) as RelabelPreviewResult;
  assert.match(preview.markdown ?? '', /Rule 2 is invalid/);
  const broken = (await client.connection.sendRequest(RELABEL_PREVIEW_REQUEST, { uri, position, labels: '[1, 2' })) as RelabelPreviewResult;
  assert.match(broken.error ?? '', /Sample labels/);
  await client.assertAlive();
});
