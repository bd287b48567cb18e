/**
 * The stack generators: their output is lint-clean under obsconf's own rules,
 * and the parts a real tool can judge are judged (amtool for alertmanager.yml,
 * promtool for the prometheus.yml alerting block).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { generateAlertmanagerCluster } from '../../server/src/engine/compose/generateCluster';
import { generateReloadService } from '../../server/src/engine/compose/generateReload';
import { lintFiles } from '../rules/harness';
import { requireTool, run } from '../alertmanager/tools';

function lint(files: { name: string; text: string }[]) {
  const { findings } = lintFiles(files.map((f) => ({ ...f, uri: `file:///ws/${f.name}` })));
  return files.flatMap((f) => (findings.get(f.name) ?? []).map((x) => `${f.name}: ${x.ruleId}: ${x.message}`));
}

describe('Alertmanager cluster for Docker Swarm', () => {
  const dir = mkdtempSync(join(tmpdir(), 'obsconf-am-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const options of [
    { instances: 2, nodes: ['swarm-1', 'swarm-2'] },
    { instances: 3, nodes: ['a', 'b', 'c'], webPort: 8080, clusterPort: 7946, firstPublishedPort: 19093, alias: 'am', network: 'ops' },
  ]) {
    test(`${options.instances} instances: every peer, node and port in step, lint-clean`, (t) => {
      const result = generateAlertmanagerCluster(options);
      assert.ok('files' in result, JSON.stringify(result));
      assert.deepEqual(lint(result.files), []);
      const compose = parse(result.files[0].text);
      const names = Object.keys(compose.services);
      assert.equal(names.length, options.instances);
      for (const name of names) {
        const peers = compose.services[name].command.filter((c: string) => c.startsWith('--cluster.peer='));
        assert.equal(peers.length, options.instances - 1, name);
      }
      const alerting = parse(result.files[1].text).alerting.alertmanagers[0].dns_sd_configs[0];
      assert.deepEqual(alerting, { names: [`tasks.${options.alias ?? 'alertmanager'}`], type: 'A', port: options.webPort ?? 9093 });

      const promtool = requireTool(t, 'promtool', 'prometheus');
      const amtool = promtool && requireTool(t, 'amtool', 'prometheus-alertmanager');
      if (!promtool || !amtool) return;
      for (const file of result.files.slice(1)) writeFileSync(join(dir, file.name), file.text);
      const prom = run(promtool, ['check', 'config', join(dir, 'prometheus-alerting.yml')]);
      assert.equal(prom.status, 0, prom.output);
      const am = run(amtool, ['check-config', join(dir, 'alertmanager.yml')]);
      assert.equal(am.status, 0, am.output);
    });
  }

  test('a broken stack is refused, not generated', () => {
    assert.ok('error' in generateAlertmanagerCluster({ instances: 2, nodes: ['same', 'same'] }));
    assert.ok('error' in generateAlertmanagerCluster({ instances: 1, nodes: ['a'] }));
    assert.ok('error' in generateAlertmanagerCluster({ instances: 2, nodes: ['a', 'b'], webPort: 9094 }));
  });
});

describe('config-reload service', () => {
  for (const target of ['compose', 'kubernetes'] as const) {
    test(`${target}: Prometheus has --web.enable-lifecycle, the reloader polls every interval, lint-clean`, () => {
      const result = generateReloadService({ target, intervalSeconds: 45, configDir: '/config' });
      assert.ok('files' in result, JSON.stringify(result));
      assert.deepEqual(lint(result.files), []);
      const text = result.files[0].text;
      assert.match(text, /--web\.enable-lifecycle/);
      assert.match(text, /sleep 45/);
      assert.match(text, /\/-\/reload/);
      // compose interpolates "$": the script must escape it there, and only there.
      assert.equal(/\$\$\(find/.test(text), target === 'compose');
    });
  }

  test('the lint check this generator exists for fires when the flag is dropped', () => {
    const result = generateReloadService({ target: 'compose', intervalSeconds: 30 });
    assert.ok('files' in result);
    const broken = result.files[0].text.replace('      - --web.enable-lifecycle\n', '');
    assert.ok(lint([{ name: 'stack.yml', text: broken }]).some((m) => m.includes('reload/lifecycle-disabled')));
  });
});
