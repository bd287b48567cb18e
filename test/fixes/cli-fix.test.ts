/**
 * `obsconf check --fix`: the safe fixes are written to the files, the unsafe
 * ones never; what is left is reported by the check that follows.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runFix } from '../../server/src/cli/fix';
import { FIXTURES } from './harness';

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'obsconf-fix-'));
  cpSync(path.join(FIXTURES, 'seed'), dir, { recursive: true });
  return dir;
}

const options = (dir: string) => ({ paths: [dir], format: 'text' as const, noConfig: true });

test('--fix repairs the seed broken in three files and leaves nothing to do', async () => {
  const dir = workspace();
  try {
    const seed = (name: string) => readFileSync(path.join(FIXTURES, 'seed', name), 'utf8');
    const edit = (name: string, from: string, to: string) => writeFileSync(path.join(dir, name), seed(name).replace(from, to));
    edit('service.yml', 'targetPort: metrics-2', 'targetPort: metrics2');
    edit('servicemonitor.yml', '  - interval: 15s\n    port: metrics-5\n', '');
    edit('deployment.yml', 'containerPort: 5003', 'containerPort: 5030');
    const outcome = await runFix(options(dir), dir);
    assert.equal(outcome.written.length, 3, outcome.stderr);
    for (const name of ['deployment.yml', 'service.yml', 'servicemonitor.yml']) assert.equal(readFileSync(path.join(dir, name), 'utf8'), seed(name), name);
    const again = await runFix(options(dir), dir);
    assert.equal(again.written.length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix never applies unsafe fixes (removing ports of workers that do not exist)', async () => {
  const dir = workspace();
  try {
    const file = path.join(dir, 'deployment.yml');
    const text = readFileSync(file, 'utf8').replace('value: "5"', 'value: "4"');
    writeFileSync(file, text);
    const outcome = await runFix(options(dir), dir);
    assert.equal(outcome.written.length, 0);
    assert.equal(readFileSync(file, 'utf8'), text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
