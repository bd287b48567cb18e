/** Every prometheus/* rule's docs: the "bad" example fires the rule, the "good" one does not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from '../../server/src/engine/linter';
import { ALL_RULES } from '../../server/src/engine/rules/index';

function findingsOf(text: string, ruleId: string) {
  const linter = new Linter();
  linter.setFile('file:///docs-example.yaml', text, 'disk');
  while (linter.pending) linter.run();
  return linter.findingsFor('file:///docs-example.yaml').filter((f) => f.ruleId === ruleId);
}

for (const rule of ALL_RULES.filter((r) => r.id.startsWith('prometheus/'))) {
  test(`${rule.id} docs examples`, () => {
    assert.ok(rule.docs.bad && rule.docs.good, 'bad and good examples are required');
    assert.ok(findingsOf(rule.docs.bad!, rule.id).length > 0, 'the bad example does not fire');
    assert.deepEqual(findingsOf(rule.docs.good!, rule.id).map((f) => f.message), []);
  });
}
