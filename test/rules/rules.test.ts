/**
 * Runs every rule's fixtures (test/rules/<family>/<name>/) through the harness.
 * Filter with `node --import tsx --test --test-name-pattern=worker-unscraped test/rules/rules.test.ts`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALL_RULES } from '../../server/src/engine/rules/index';
import { checkFixture, loadFixtures } from './harness';

for (const rule of ALL_RULES) {
  describe(rule.id, () => {
    const { fixtures, problems } = loadFixtures(rule.id);
    test('fixture folder layout', () => {
      assert.deepEqual(problems, []);
    });
    for (const fixture of fixtures) {
      test(fixture.name, () => {
        const report = checkFixture(fixture);
        assert.ok(report.problems.length === 0, `${rule.id} ${fixture.name}:\n${report.problems.join('\n')}`);
      });
    }
  });
}
