/**
 * The rules' bookkeeping: every registered rule lives in the file its id names,
 * has fixtures (ok and bad), has a generated doc page that is up to date, and
 * its docs examples do what they say.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Linter } from '../../server/src/engine/linter';
import { ALL_RULES, RULES_BY_ID } from '../../server/src/engine/rules/index';
import { defineDocumentRule, type Rule } from '../../server/src/engine/rules/types';
import { FAMILY_FOLDERS, lintExample, outdatedDocs, REPO_ROOT, ruleSourcePath } from '../../scripts/gen-docs';
import { loadFixtures } from './harness';

/** Rules without a bad fixture, and why. */
const NO_BAD_FIXTURE: Record<string, string> = {
  'obsconf/internal-error': 'only a rule that throws (a bug in obsconf) reports it; "a rule that throws" below covers it',
};

/** Rules without docs examples, and why. */
const NO_DOCS_EXAMPLE: Record<string, string> = {
  'obsconf/internal-error': 'no input triggers it unless obsconf has a bug',
  'obsconf/file-skipped': 'it needs binary bytes or a file over the size limit; its fixtures have both',
  'collectors/metric-name-not-legacy': 'it fires only under collectors.nameValidationScheme: utf8, which a docs example cannot set; its fixtures set it in .obsconf.yaml',
};

const looksLikeRule = (value: unknown): value is Rule =>
  typeof value === 'object' && value !== null && typeof (value as Rule).id === 'string' && typeof (value as Rule).scope === 'string' && typeof (value as Rule).docs === 'object';

describe('rule registry', () => {
  test('ids are family/kebab-case and unique', () => {
    for (const rule of ALL_RULES) assert.match(rule.id, /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/, rule.id);
    assert.equal(RULES_BY_ID.size, ALL_RULES.length, 'two rules share an id');
  });

  test('every rule has a summary and a why', () => {
    for (const rule of ALL_RULES) {
      assert.ok(rule.docs.summary.trim().length > 10, `${rule.id}: docs.summary is missing`);
      assert.ok(rule.docs.why.trim().length > 10, `${rule.id}: docs.why is missing`);
    }
  });

  test('each rule is the default export of the file its id names', async () => {
    for (const rule of ALL_RULES) {
      const path = join(REPO_ROOT, ruleSourcePath(rule.id));
      assert.ok(existsSync(path), `${rule.id} must live in ${ruleSourcePath(rule.id)}`);
      const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
      assert.equal(module.default, rule, `${ruleSourcePath(rule.id)} must export ${rule.id} as its default export`);
    }
  });

  test('every rule file is registered, one rule per file', async () => {
    const rulesDir = join(REPO_ROOT, 'server/src/engine/rules');
    const folderFamilies = new Map(Object.entries(FAMILY_FOLDERS).map(([family, folder]) => [folder, family]));
    for (const folder of readdirSync(rulesDir, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      for (const file of readdirSync(join(rulesDir, folder.name))) {
        if (!file.endsWith('.ts')) continue;
        const module = (await import(pathToFileURL(join(rulesDir, folder.name, file)).href)) as Record<string, unknown>;
        const where = `server/src/engine/rules/${folder.name}/${file}`;
        for (const [name, value] of Object.entries(module)) {
          if (!looksLikeRule(value)) continue;
          assert.equal(name, 'default', `${where} exports rule ${value.id} as "${name}": one rule per file, as the default export`);
          const expected = `${folderFamilies.get(folder.name) ?? folder.name}/${file.slice(0, -3)}`;
          assert.equal(value.id, expected, `${where} holds rule ${value.id}; its id must be ${expected} (or move it to ${ruleSourcePath(value.id)})`);
          assert.equal(RULES_BY_ID.get(value.id), value, `${value.id} is not in the registry (server/src/engine/rules/index.ts)`);
        }
      }
    }
  });
});

describe('rule fixtures', () => {
  for (const rule of ALL_RULES) {
    test(`${rule.id} has ok and bad fixtures`, () => {
      const { fixtures } = loadFixtures(rule.id);
      const dir = `test/rules/${rule.id}/`;
      assert.ok(fixtures.some((f) => f.kind === 'ok'), `${dir} needs an ok-*.yaml fixture (scripts/new-rule.mjs makes one)`);
      if (!NO_BAD_FIXTURE[rule.id]) assert.ok(fixtures.some((f) => f.kind === 'bad'), `${dir} needs a bad-*.yaml fixture`);
    });
  }

  test('the exceptions name registered rules that still need them', () => {
    for (const id of Object.keys(NO_BAD_FIXTURE)) {
      assert.ok(RULES_BY_ID.has(id), `${id} is not a rule any more`);
      assert.ok(!loadFixtures(id).fixtures.some((f) => f.kind === 'bad'), `${id} has a bad fixture now: drop it from NO_BAD_FIXTURE`);
    }
  });
});

describe('rule docs', () => {
  test('docs/rules is up to date with the rule metadata', () => {
    assert.deepEqual(outdatedDocs(), [], 'run `npm run docs` and commit docs/rules');
  });

  for (const rule of ALL_RULES) {
    test(`${rule.id} docs examples`, () => {
      if (NO_DOCS_EXAMPLE[rule.id]) {
        assert.ok(!rule.docs.bad, `${rule.id} has a docs example now: drop it from NO_DOCS_EXAMPLE`);
        return;
      }
      assert.ok(rule.docs.bad, `${rule.id}: docs.bad (an example that triggers the rule) is required`);
      assert.ok(rule.docs.good, `${rule.id}: docs.good (the corrected example) is required`);
      const bad = lintExample(rule, rule.docs.bad);
      assert.ok(bad.some((f) => f.ruleId === rule.id), `${rule.id}: the docs "bad" example does not fire the rule`);
      const good = lintExample(rule, rule.docs.good).filter((f) => f.ruleId === rule.id);
      assert.deepEqual(good.map((f) => f.message), [], `${rule.id}: the docs "good" example fires the rule`);
      for (const example of [bad, lintExample(rule, rule.docs.good)]) {
        assert.deepEqual(example.filter((f) => f.ruleId === 'obsconf/internal-error').map((f) => f.message), []);
      }
    });
  }
});

test('a rule that throws is reported as obsconf/internal-error, and the others still run', () => {
  const throwing = defineDocumentRule({
    id: 'test/throws',
    severity: 'error',
    docs: { summary: 'Throws on every document.', why: 'To test the guard.' },
    check() {
      throw new Error('boom');
    },
  });
  const linter = new Linter([throwing, ...ALL_RULES]);
  linter.setFile('file:///app.yaml', 'metadata:\n  name: app\n   labels: {}\n', 'disk');
  while (linter.pending) linter.run();
  const findings = linter.findingsFor('file:///app.yaml');
  const internal = findings.filter((f) => f.ruleId === 'obsconf/internal-error');
  assert.equal(internal.length, 1);
  assert.match(internal[0].message, /test\/throws failed on this file \(boom\)/);
  assert.ok(findings.some((f) => f.ruleId === 'obsconf/yaml-syntax'), 'the other rules still report');
});
