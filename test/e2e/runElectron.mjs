// The second launcher: runs the same suite in a desktop VS Code that @vscode/test-electron
// downloads (a machine that can reach VS Code's update server: a laptop, a CI with internet).
// On Linux without a display it re-runs itself under xvfb-run.
//
// Usage: node test/e2e/runElectron.mjs [--vsix FILE] [--grep PATTERN] [--version 1.139.1]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

export async function runInElectron(options = {}) {
  const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } = await import('@vscode/test-electron');
  const runDir = mkdtempSync(join(tmpdir(), 'oce2e-'));
  try {
    const workspace = join(runDir, 'ws');
    cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
    const userDataDir = join(runDir, 'data');
    const extensionsDir = join(runDir, 'ext');
    mkdirSync(extensionsDir);
    const vscodeExecutablePath = await downloadAndUnzipVSCode(options.version ?? '1.139.1');
    let extensionDevelopmentPath = repoRoot;
    const launchArgs = [workspace, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'];
    if (options.vsix) {
      const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
      const install = spawnSync(cli, [...cliArgs, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', resolve(options.vsix)], {
        encoding: 'utf8',
        stdio: 'inherit',
      });
      if (install.status !== 0) throw new Error(`installing ${options.vsix} failed`);
      // The VSIX is what runs: the development extension is the empty test host.
      extensionDevelopmentPath = join(here, 'host');
    } else {
      launchArgs.push('--disable-extensions');
    }
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath,
      extensionTestsPath: join(repoRoot, 'out', 'e2e', 'suite', 'index.js'),
      extensionTestsEnv: options.env ?? {},
      launchArgs,
    });
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.OBSCONF_E2E_XVFB) {
    const rerun = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, OBSCONF_E2E_XVFB: '1' } });
    if (rerun.error) console.error(`[electron runner] no display, and xvfb-run could not start (${rerun.error.message}): apt-get install xvfb`);
    process.exit(rerun.status ?? 1);
  }
  const args = process.argv.slice(2);
  const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const vsix = option('--vsix');
  const env = {};
  if (option('--grep')) env.OBSCONF_E2E_GREP = option('--grep');
  if (vsix) env.OBSCONF_E2E_MODE = 'vsix';
  try {
    process.exit(await runInElectron({ vsix, env, version: option('--version') }));
  } catch (error) {
    console.error(`[electron runner] ${error.stack ?? error}`);
    process.exit(1);
  }
}
