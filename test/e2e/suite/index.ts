// The mocha entry point VS Code loads into the extension host (the payload's extensionTestsPath).
// It runs every *.test.js beside it, prints "N passed, N failed" on a line of its own, and fails
// when a test fails or when no test ran. OBSCONF_E2E_GREP narrows the run (the VSIX smoke subset
// is every test whose title holds "@smoke").
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.OBSCONF_E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => {
      console.log(`${passed} passed, ${failed} failed`);
      if (failed > 0) reject(new Error(`${failed} end-to-end test(s) failed`));
      else if (passed === 0) reject(new Error(`no end-to-end test ran${grep ? ` (grep: ${grep})` : ''}`));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
}
