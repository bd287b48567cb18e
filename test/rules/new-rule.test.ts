/** scripts/new-rule.mjs scaffolds a rule file, a fixture folder and the registry line, in a copy of the engine. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './harness';

test('new-rule scaffolds a registered rule in the folder its family maps to', async () => {
  const root = mkdtempSync(join(tmpdir(), 'obsconf-new-rule-'));
  try {
    cpSync(join(REPO_ROOT, 'server/src/engine/rules'), join(root, 'server/src/engine/rules'), { recursive: true });
    const run = (...args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/new-rule.mjs'), ...args, '--root', root], { encoding: 'utf8' });
    const created = run('k8s/scaffold-check', '--scope', 'object');
    assert.equal(created.status, 0, created.stderr);
    assert.ok(existsSync(join(root, 'server/src/engine/rules/kubernetes/scaffold-check.ts')), 'k8s rules live in rules/kubernetes/');
    for (const fixture of ['ok-basic.yaml', 'bad-basic.yaml']) assert.ok(existsSync(join(root, 'test/rules/k8s/scaffold-check', fixture)));
    const index = readFileSync(join(root, 'server/src/engine/rules/index.ts'), 'utf8');
    assert.match(index, /^import scaffoldCheck from '\.\/kubernetes\/scaffold-check';$/m);

    assert.match(index, /\n {2}scaffoldCheck,\n\];/, 'the rule goes at the end of ALL_RULES');
    // The registry imports the rest of the engine; the rule module alone shows the scaffold is a valid rule.
    const module = (await import(pathToFileURL(join(root, 'server/src/engine/rules/kubernetes/scaffold-check.ts')).href)) as { default: { id: string; scope: string } };
    assert.equal(module.default.id, 'k8s/scaffold-check');
    assert.equal(module.default.scope, 'object');

    const again = run('k8s/scaffold-check');
    assert.equal(again.status, 2, 'a second scaffold of the same id is refused');
    assert.equal(run('Not_A_Rule').status, 2);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
