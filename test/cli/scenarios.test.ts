// Scenario tests of the built CLI, one folder per scenario under scenarios/:
//
//   cmd               the command line, e.g. `obsconf check . --format json` (run in the folder)
//   exit              the expected exit status
//   stdout            the expected standard output, exactly (absent: must be empty)
//   stdout.sarif.json for --format sarif instead of `stdout`: the expected log without
//                     runs[0].tool.driver.rules, which must list the registry; the output
//                     must also validate against the SARIF 2.1.0 schema
//   stderr            the expected standard error, exactly (absent: must be empty)
//   anything else     the input files
//
// Expected outputs may use {{VERSION}}, {{DOCS}} and {{CWD}} (see harness.ts).
// They were written by hand from the input files: keep it that way.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { ALL_RULES } from '../../server/src/engine/rules/index';
import { DOCS_BASE, ensureBuilt, expand, runCli, sarifErrors, splitCommand } from './harness';

const SCENARIOS = path.join(__dirname, 'scenarios');
const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

function read(dir: string, name: string): string | undefined {
  const file = path.join(dir, name);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

describe('obsconf CLI scenarios', () => {
  before(ensureBuilt);

  const names = readdirSync(SCENARIOS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  test('there are scenarios', () => assert.ok(names.length > 0));

  for (const name of names) {
    test(name, () => {
      const dir = path.join(SCENARIOS, name);
      const cmd = read(dir, 'cmd');
      assert.ok(cmd, `scenario ${name} has no cmd file`);
      const words = splitCommand(cmd.trim());
      assert.equal(words.shift(), 'obsconf', 'cmd starts with "obsconf"');
      const exit = read(dir, 'exit');
      assert.ok(exit, `scenario ${name} has no exit file`);

      const run = runCli(words, dir);

      assert.equal(run.stderr, expand(read(dir, 'stderr') ?? '', dir), 'stderr');
      const sarif = read(dir, 'stdout.sarif.json');
      if (sarif !== undefined) {
        const log = JSON.parse(run.stdout);
        assert.deepEqual(sarifErrors(log), [], 'the output validates against the SARIF 2.1.0 schema');
        const driver = log.runs[0].tool.driver;
        assert.deepEqual(
          driver.rules,
          ALL_RULES.map((rule) => ({
            id: rule.id,
            shortDescription: { text: rule.docs.summary },
            fullDescription: { text: rule.docs.why },
            helpUri: `${DOCS_BASE}/${rule.id}.md`,
            defaultConfiguration: { level: LEVEL[rule.severity] },
          })),
          'tool.driver.rules lists the registry',
        );
        delete driver.rules;
        assert.deepEqual(log, JSON.parse(expand(sarif, dir)), 'the SARIF log');
      } else {
        assert.equal(run.stdout, expand(read(dir, 'stdout') ?? '', dir), 'stdout');
      }
      assert.equal(run.status, Number(exit.trim()), 'exit status');
    });
  }
});
