/**
 * Differential test: for every alertmanager.yml of the corpus, obsconf's verdict
 * (any error finding) equals amtool check-config's (exit status). File names say
 * what both should conclude (ok-*, bad-*), so a corpus file that stops proving
 * anything is noticed too.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { alertmanagerConfigOf } from '../../server/src/engine/alertmanager/config';
import { Linter } from '../../server/src/engine/linter';
import { requireTool, run } from './tools';

const CORPUS = join(import.meta.dirname, 'corpus');
const files = readdirSync(CORPUS).filter((name) => name.endsWith('.yml')).sort();

function obsconfVerdict(path: string): { valid: boolean; recognised: boolean; errors: string[] } {
  const linter = new Linter();
  const uri = pathToFileURL(path).href;
  linter.setFile(uri, readFileSync(path, 'utf8'), 'disk');
  while (linter.pending) linter.run();
  const docs = linter.index.files.get(uri)?.docs ?? [];
  const errors = linter.findingsFor(uri).filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`);
  return { valid: errors.length === 0, recognised: docs.some((d) => alertmanagerConfigOf(d) !== undefined), errors };
}

describe('amtool check-config agrees with obsconf', () => {
  test('the corpus has valid and invalid files', () => {
    assert.ok(files.filter((f) => f.startsWith('ok-')).length >= 8);
    assert.ok(files.filter((f) => f.startsWith('bad-')).length >= 30);
  });
  for (const name of files) {
    test(name, (t) => {
      const path = join(CORPUS, name);
      const ours = obsconfVerdict(path);
      assert.ok(ours.recognised, `${name} is not recognised as an alertmanager.yml`);
      assert.equal(ours.valid, name.startsWith('ok-'), `obsconf: ${ours.errors.join('; ') || 'no errors'}`);
      const amtool = requireTool(t, 'amtool', 'prometheus-alertmanager');
      if (!amtool) return;
      const theirs = run(amtool, ['check-config', path]);
      assert.equal(theirs.status === 0, ours.valid, `amtool says ${theirs.status === 0 ? 'valid' : 'invalid'}:\n${theirs.output}\nobsconf: ${ours.errors.join('; ') || 'no errors'}`);
    });
  }
});
