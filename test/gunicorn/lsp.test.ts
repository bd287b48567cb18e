/**
 * The gunicorn and Django checks through the built server over stdio, as VS
 * Code drives it: diagnostics in gunicorn.conf.py and the settings from the
 * disk scan, the logconfig_dict hover, the propagate quick fix, and a
 * gunicorn.conf.py edited in the editor re-checking the Deployment whose
 * worker count it sets.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { LspClient, positionOf } from '../lsp/client';
import { WIRED_APP } from './manifests';

const SEED_CONFIG = `import structlog

pre_chain = [structlog.stdlib.add_log_level, structlog.stdlib.add_logger_name]

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json_formatter": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.processors.JSONRenderer(),
            "foreign_pre_chain": pre_chain,
        }
    },
    "handlers": {
        "error_console": {"class": "logging.StreamHandler", "formatter": "json_formatter"},
        "console": {"class": "logging.StreamHandler", "formatter": "json_formatter"},
    },
}
`;

let root: string;
let client: LspClient;

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'obsconf-gunicorn-lsp-'));
  mkdirSync(path.join(root, 'k8s'));
  mkdirSync(path.join(root, 'proj'));
  writeFileSync(path.join(root, 'gunicorn.conf.py'), SEED_CONFIG);
  writeFileSync(path.join(root, 'k8s', 'app.yaml'), WIRED_APP);
  writeFileSync(path.join(root, 'proj', 'settings.py'), 'import os\n\nstart_port = int(os.environ.get("METRICS_START_PORT"))\n');
  client = await LspClient.start({ root });
  await client.ready();
});

after(async () => {
  await client?.dispose();
  rmSync(root, { recursive: true, force: true });
});

test('the scan reports the duplicate lines in gunicorn.conf.py and the env read in the settings', async () => {
  const config = await client.diagnosticsFor(client.uri('gunicorn.conf.py'), (d) => d.some((x) => x.code === 'gunicorn/logconfig-duplicate-lines'));
  const duplicate = config.find((d) => d.code === 'gunicorn/logconfig-duplicate-lines')!;
  assert.match(String(duplicate.message), /printed twice on stderr/);
  assert.deepEqual(duplicate.range.start, positionOf(SEED_CONFIG, SEED_CONFIG.indexOf('logconfig_dict')));
  const settings = await client.diagnosticsFor(client.uri('proj/settings.py'), (d) => d.some((x) => x.code === 'django/metrics-env-default'));
  assert.equal(settings.filter((d) => d.code === 'django/metrics-env-default').length, 1);
});

test('hover on logconfig_dict shows the merged configuration as YAML', async () => {
  const uri = client.uri('gunicorn.conf.py');
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(SEED_CONFIG, SEED_CONFIG.indexOf('logconfig_dict') + 4) })) as { contents: { value: string } };
  assert.match(hover.contents.value, /```yaml/);
  assert.match(hover.contents.value, /# from gunicorn's defaults\nroot:\n {2}level: INFO/);
  assert.match(hover.contents.value, /gunicorn \*\*starts\*\*/);
  assert.match(hover.contents.value, /printed twice on stderr/);
});

test('the quick fix sets propagate: False', async () => {
  const uri = client.uri('gunicorn.conf.py');
  const diagnostics = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'gunicorn/logconfig-duplicate-lines'));
  const duplicate = diagnostics.find((d) => d.code === 'gunicorn/logconfig-duplicate-lines')!;
  const actions = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: duplicate.range,
    context: { diagnostics: [duplicate], only: ['quickfix'] },
  })) as { title: string; edit?: { changes?: Record<string, { newText: string }[]>; documentChanges?: { edits: { newText: string }[] }[] } }[];
  const fix = actions.find((a) => /propagate/.test(a.title));
  assert.ok(fix, `no propagate fix among ${actions.map((a) => a.title).join(', ')}`);
  const texts = JSON.stringify(fix.edit);
  assert.match(texts, /\\"propagate\\": False/);
});

test('editing gunicorn.conf.py re-checks the Deployment it sets the worker count of', async () => {
  const manifest = client.uri('k8s/app.yaml');
  const config = client.uri('gunicorn.conf.py');
  await client.diagnosticsFor(manifest, (d) => !d.some((x) => String(x.code).startsWith('wiring/')), 'a clean manifest');
  client.open(config, SEED_CONFIG, 'python');
  client.change(config, [{ text: `${SEED_CONFIG}\nworkers = 3\n` }]);
  const after = await client.diagnosticsFor(manifest, (d) => d.some((x) => x.code === 'wiring/worker-unscraped'), 'worker 3 unscraped');
  const unscraped = after.find((d) => d.code === 'wiring/worker-unscraped')!;
  assert.match(String(unscraped.message), /Worker 3 of 3/);
  client.change(config, [{ text: SEED_CONFIG }]);
  await client.diagnosticsFor(manifest, (d) => !d.some((x) => String(x.code).startsWith('wiring/')), 'clean again');
});
