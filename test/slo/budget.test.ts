import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorBudget, formatDuration, parseObjective } from '../../server/src/engine/slo/budget';

const budgetOf = (objective: string) => {
  const parsed = parseObjective(objective);
  assert.ok('ratio' in parsed, JSON.stringify(parsed));
  return Object.fromEntries(errorBudget(parsed.ratio).lines.map((l) => [l.id, l.text]));
};

describe('error budgets', () => {
  test('99.99 % allows 52 min 36 s a year (365.25 days)', () => {
    assert.equal(budgetOf('99.99').year, '52 min 36 s');
  });
  test('99.9 % allows 43 min 12 s per 30 days, 2 h 11 min 29 s per quarter, 8 h 45 min 58 s per year', () => {
    assert.deepEqual(budgetOf('99.9'), { '30d': '43 min 12 s', quarter: '2 h 11 min 29 s', year: '8 h 45 min 58 s' });
  });
  test('the three spellings of one objective agree', () => {
    assert.deepEqual(budgetOf('99.5'), budgetOf('99.5%'));
    assert.deepEqual(budgetOf('99.5'), budgetOf('0.995'));
  });
  test('99 % allows 7 h 12 min per 30 days', () => {
    assert.equal(budgetOf('99')['30d'], '7 h 12 min');
  });
  test('objectives without a budget or not numbers are refused with a reason', () => {
    for (const bad of ['100', '100%', '0', '1.5%x', 'abc', '']) {
      const parsed = parseObjective(bad);
      assert.ok('error' in parsed, bad);
    }
  });
  test('short budgets keep precision', () => {
    assert.equal(formatDuration(2.592), '2.6 s');
    assert.equal(formatDuration(0.0432), '43 ms');
    assert.equal(formatDuration(3 * 86400), '3 d');
  });
});
