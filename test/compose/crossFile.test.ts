/**
 * prometheus.yml's tasks.* discovery is checked against the workspace's stack
 * files: editing, adding or removing a stack file re-checks prometheus.yml,
 * and only the documents that depend on stack files are re-checked.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Linter } from '../../server/src/engine/linter';

const PROMETHEUS = 'file:///ws/prometheus.yml';
const STACK = 'file:///ws/stack.yml';
const prometheus = "alerting:\n  alertmanagers:\n    - dns_sd_configs:\n        - names: ['tasks.alertmanager']\n          type: A\n          port: 9093\n";
const stack = (alias: string) =>
  `services:\n  am_1:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.am_2:9094']\n    networks:\n      mon:\n        aliases: [${alias}]\n  am_2:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.am_1:9094']\n    networks:\n      mon:\n        aliases: [${alias}]\nnetworks:\n  mon: {}\n`;

function settle(linter: Linter): Set<string> {
  const changed = new Set<string>();
  while (linter.pending) for (const uri of linter.run()) changed.add(uri);
  return changed;
}
const discoveryFindings = (linter: Linter) => linter.findingsFor(PROMETHEUS).filter((f) => f.ruleId === 'alertmanager/discovery-name').map((f) => f.message);

describe('cross-file re-checks', () => {
  test('an edit of the stack file re-checks prometheus.yml, both ways', () => {
    const linter = new Linter();
    linter.setFile(PROMETHEUS, prometheus, 'editor');
    linter.setFile(STACK, stack('alertmanager'), 'disk');
    settle(linter);
    assert.deepEqual(discoveryFindings(linter), []);

    linter.setFile(STACK, stack('alertmanagers'), 'editor');
    assert.ok(settle(linter).has(PROMETHEUS), 'prometheus.yml was not re-published');
    assert.equal(discoveryFindings(linter).length, 1);
    assert.match(discoveryFindings(linter)[0], /tasks\.alertmanagers/);

    linter.setFile(STACK, stack('alertmanager'), 'editor');
    settle(linter);
    assert.deepEqual(discoveryFindings(linter), []);
  });

  test('removing the last stack file turns the check off; adding one turns it on', () => {
    const linter = new Linter();
    linter.setFile(PROMETHEUS, prometheus, 'disk');
    linter.setFile(STACK, stack('other'), 'disk');
    settle(linter);
    assert.equal(discoveryFindings(linter).length, 1);
    linter.removeFile(STACK);
    settle(linter);
    assert.deepEqual(discoveryFindings(linter), []);
    linter.setFile(STACK, stack('other'), 'disk');
    settle(linter);
    assert.equal(discoveryFindings(linter).length, 1);
  });

  test('an edit of an unrelated file does not re-check prometheus.yml', () => {
    const linter = new Linter();
    linter.setFile(PROMETHEUS, prometheus, 'disk');
    linter.setFile(STACK, stack('alertmanager'), 'disk');
    linter.setFile('file:///ws/svc.yml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports: [{port: 80}]\n', 'disk');
    settle(linter);
    linter.setFile('file:///ws/svc.yml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  ports: [{port: 80}]\n', 'editor');
    assert.ok(!settle(linter).has(PROMETHEUS));
  });
});
