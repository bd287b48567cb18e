// npm run test:e2e: sets up the VS Code test tools when missing (scripts/e2e-setup.sh), builds,
// runs the end-to-end suite in a real VS Code, packages the VSIX, installs it into the test
// VS Code and runs the smoke subset on it, then runs the Neovim test. Prints
// "e2e: N passed, N failed" last, and exits non-zero when anything failed or no test ran.
//
//   --electron   use @vscode/test-electron (downloads VS Code) instead of code-server
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electron = process.argv.includes('--electron');
const totals = { passed: 0, failed: 0 };
const phases = [];

function step(title) {
  console.log(`\n=== e2e: ${title}`);
}

function runSync(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/** Runs a command, echoes its output, and returns the output. */
function runCapture(cmd, args, env = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const echo = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}

/** Records a phase from its exit code and the counts its runner printed. */
function record(name, code, counts) {
  const ok = code === 0 && counts !== undefined && counts.passed > 0 && counts.failed === 0;
  if (counts) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
  }
  if (!ok && (!counts || counts.failed === 0)) totals.failed += 1; // A phase that crashed or ran nothing counts as a failure.
  phases.push(`${ok ? 'ok  ' : 'FAIL'} ${name}${counts ? ` (${counts.passed} passed, ${counts.failed} failed)` : ' (no test count)'}`);
}

function suiteCounts(output) {
  const matches = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)];
  const last = matches.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

function nodeTestCounts(output) {
  const pass = /^# pass (\d+)$/m.exec(output);
  const fail = /^# fail (\d+)$/m.exec(output);
  return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : undefined;
}

const runner = electron ? join(root, 'test', 'e2e', 'runElectron.mjs') : join(root, 'test', 'e2e', 'runCodeServer.mjs');

try {
  if (!electron) {
    step('set up the VS Code test tools (skipped when present)');
    runSync('bash', [join(root, 'scripts', 'e2e-setup.sh')]);
  }
  step('build the extension and the suite');
  runSync(process.execPath, [join(root, 'scripts', 'build.mjs')]);
  runSync(process.execPath, [join(root, 'test', 'e2e', 'build.mjs')]);

  step(`run the suite in VS Code (${electron ? 'test-electron' : 'code-server'}), extension from the working tree`);
  let result = await runCapture(process.execPath, [runner]);
  record('VS Code suite (development extension)', result.code, suiteCounts(result.output));

  step('package the VSIX');
  const packaged = await runCapture(process.execPath, [join(root, 'scripts', 'package.mjs')]);
  const vsix = packaged.output.trim().split('\n').at(-1);
  if (packaged.code !== 0 || !vsix?.endsWith('.vsix')) {
    record('package the VSIX', packaged.code ?? 1, undefined);
  } else {
    step(`install ${vsix} into the test VS Code and run the smoke subset`);
    result = await runCapture(process.execPath, [runner, '--vsix', vsix, '--grep', '@smoke']);
    record('VS Code smoke subset (installed VSIX)', result.code, suiteCounts(result.output));
  }

  step('Neovim drives the standalone server');
  result = await runCapture(process.execPath, ['--import', 'tsx', '--test', join(root, 'test', 'e2e', 'neovim', 'neovim.test.ts')]);
  record('Neovim', result.code, nodeTestCounts(result.output));
} catch (error) {
  console.error(`e2e: ${error.message}`);
  record('setup/build', 1, undefined);
}

console.log(`\n${phases.join('\n')}`);
console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
