/**
 * The docs examples of the stack rules (alertmanager/*, compose/*, reload/*,
 * slo/*): each "bad" example fires its rule, each "good" one does not. Rules
 * that read stack files across the workspace get one next to the example.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALL_RULES } from '../../server/src/engine/rules/index';
import type { DocumentRule } from '../../server/src/engine/rules/types';
import { lintFiles } from '../rules/harness';

const FAMILIES = ['alertmanager/', 'compose/', 'reload/', 'slo/'];
const STACK = "services:\n  am_1:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.am_2:9094']\n    networks:\n      mon:\n        aliases: [alertmanager]\n  am_2:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.am_1:9094']\n    networks:\n      mon:\n        aliases: [alertmanager]\nnetworks:\n  mon: {}\n";

const rules = ALL_RULES.filter((rule) => FAMILIES.some((family) => rule.id.startsWith(family)));

function fires(ruleId: string, text: string, crossFile: boolean): string[] {
  const files = [{ name: 'example.yml', uri: 'file:///ws/example.yml', text }];
  if (crossFile) files.push({ name: 'stack.yml', uri: 'file:///ws/stack.yml', text: STACK });
  const { findings } = lintFiles(files);
  return (findings.get('example.yml') ?? []).filter((f) => f.ruleId === ruleId).map((f) => f.message);
}

describe('stack rule docs', () => {
  test('every family has rules', () => {
    for (const family of FAMILIES) assert.ok(rules.some((r) => r.id.startsWith(family)), family);
  });
  for (const rule of rules) {
    test(rule.id, () => {
      assert.ok(rule.docs.summary && rule.docs.why, 'summary and why');
      assert.ok(rule.docs.bad && rule.docs.good, 'bad and good examples');
      const crossFile = (rule as DocumentRule).crossFile !== undefined;
      assert.ok(fires(rule.id, rule.docs.bad!, crossFile).length > 0, 'the bad example does not fire');
      assert.deepEqual(fires(rule.id, rule.docs.good!, crossFile), [], 'the good example fires');
    });
  }
});
