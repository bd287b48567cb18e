// Runs the end-to-end suite inside a real VS Code (code-server's VS Code server + web workbench),
// headless, offline. The extension and its language server run in the server's Node extension
// host, as they would under a desktop VS Code; mocha runs in that host, and the workbench hands the
// test runner's exit code back through `codeAutomationExit`.
//
// Usage: node test/e2e/runCodeServer.mjs [--vsix FILE] [--grep PATTERN] [--timeout SECONDS]
// Needs `bash scripts/e2e-setup.sh` first (npm run test:e2e does that) and the suite compiled
// (node test/e2e/build.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');
const cacheDir = process.env.OBSCONF_E2E_CACHE ?? join(homedir(), '.cache', 'obsconf-e2e');

/** Workbench chatter that has nothing to do with the tests. */
const WORKBENCH_NOISE = [/^\[AgentHost\]/, /^\[ChatModelSelection\]/, /^Updating additional builtin extensions cache$/, /^Ignoring fetching additional builtin extensions/];

/** Paths written by scripts/e2e-setup.sh. */
export function toolPaths() {
  const file = join(cacheDir, 'env.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run "bash scripts/e2e-setup.sh" first`);
  const paths = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of ['node', 'codeServer', 'chromium']) {
    if (!existsSync(paths[key])) throw new Error(`${paths[key]} is missing: run "bash scripts/e2e-setup.sh" again`);
  }
  return paths;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls `probe` until it returns a value other than undefined, or throws after `ms`. */
async function waitFor(what, ms, probe) {
  const deadline = Date.now() + ms;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

/** Ends a process group we started: SIGTERM, then SIGKILL if it is still there. */
async function killGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

/** A fresh run folder with a short path (unix socket paths are limited to 108 bytes). */
function makeRunDir() {
  const base = existsSync('/tmp') ? '/tmp' : tmpdir();
  const dir = mkdtempSync(join(base, 'oce2e-'));
  for (const sub of ['data', 'ext', 'config', 'share', 'cache', 'tmp', 'chromium', 'ws']) mkdirSync(join(dir, sub));
  return dir;
}

/**
 * Starts code-server, opens the workbench in headless chromium with the test payload, and
 * resolves with the test runner's exit code.
 *
 * options:
 *   workspace             folder copied into the run folder and opened (default: examples/)
 *   extensionDevelopmentPath  the extension under development (default: the repository)
 *   extensionTestsPath    the compiled suite entry (default: out/e2e/suite/index.js)
 *   vsix                  a packaged extension to install first (then the development path is the
 *                         tiny test host extension, so the installed VSIX is what runs)
 *   env                   extra environment for the extension host (OBSCONF_E2E_*)
 *   timeoutSeconds        whole-run timeout
 *   onLog(line)           receives each line the extension host logs
 *   onPage(page)          receives the playwright page once the workbench is loading
 */
export async function runInCodeServer(options = {}) {
  const tools = toolPaths();
  const runDir = makeRunDir();
  const workspace = join(runDir, 'ws');
  cpSync(options.workspace ?? join(repoRoot, 'examples'), workspace, { recursive: true });
  let extensionDevelopmentPath = options.extensionDevelopmentPath ?? repoRoot;
  const extensionTestsPath = options.extensionTestsPath ?? join(repoRoot, 'out', 'e2e', 'suite', 'index.js');
  if (!existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing: run "node test/e2e/build.mjs"`);
  const timeoutMs = (options.timeoutSeconds ?? 180) * 1000;
  const log = options.onLog ?? ((line) => process.stdout.write(`${line}\n`));

  const env = {
    ...process.env,
    ...options.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: join(runDir, 'config'),
    XDG_DATA_HOME: join(runDir, 'share'),
    XDG_CACHE_HOME: join(runDir, 'cache'),
    TMPDIR: join(runDir, 'tmp'),
    OBSCONF_E2E_RUN_DIR: runDir,
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const userSettings = {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'window.restoreWindows': 'none',
    'chat.disableAIFeatures': true,
  };
  mkdirSync(join(runDir, 'data', 'User'), { recursive: true });
  writeFileSync(join(runDir, 'data', 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));

  const baseArgs = [tools.codeServer, '--user-data-dir', join(runDir, 'data'), '--extensions-dir', join(runDir, 'ext')];
  if (options.vsix) {
    const install = spawnSync(tools.node, [...baseArgs, '--install-extension', resolve(options.vsix)], { env, encoding: 'utf8' });
    log(`[runner] install ${options.vsix}: ${(install.stdout + install.stderr).trim().split('\n').pop()}`);
    if (install.status !== 0) throw new Error(`installing ${options.vsix} failed:\n${install.stdout}${install.stderr}`);
    extensionDevelopmentPath = join(repoRoot, 'test', 'e2e', 'host');
  }

  let server;
  let browser;
  let page;
  try {
    const port = await freePort();
    server = spawn(
      tools.node,
      [
        ...baseArgs,
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--ignore-last-opened',
        '--vscode-option', 'enable-smoke-test-driver',
        workspace,
      ],
      { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let serverOutput = '';
    const keep = (chunk) => {
      serverOutput = (serverOutput + chunk).slice(-20000);
    };
    server.stdout.on('data', keep);
    server.stderr.on('data', keep);
    const serverExited = new Promise((_, reject) =>
      server.once('exit', (code, signal) => reject(new Error(`code-server exited early (${code ?? signal}):\n${serverOutput}`))),
    );
    serverExited.catch(() => undefined);

    const base = `http://127.0.0.1:${port}`;
    await Promise.race([
      serverExited,
      waitFor('code-server /healthz', 60000, async () => ((await fetch(`${base}/healthz`)).status === 200 ? true : undefined)),
    ]);
    const html = await (await fetch(`${base}/?folder=${encodeURIComponent(workspace)}`)).text();
    const authority = /(?:"|&quot;)remoteAuthority(?:"|&quot;):(?:"|&quot;)([^"&]+)/.exec(html)?.[1];
    if (!authority) throw new Error('could not read the remote authority from the workbench page');

    const { chromium } = await import('playwright-core');
    // A persistent context with a fresh profile folder in the run folder.
    browser = await chromium.launchPersistentContext(join(runDir, 'chromium'), {
      executablePath: tools.chromium,
      headless: true,
      env: { ...process.env, TMPDIR: join(runDir, 'tmp') },
      viewport: options.viewport ?? { width: 1280, height: 800 },
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      ],
    });
    const context = browser;
    let settle;
    const exitCode = new Promise((r) => (settle = r));
    await context.exposeFunction('codeAutomationLog', (_type, args) => {
      // The extension host's console calls arrive as their arguments, format string first.
      const text = Array.isArray(args) ? format(...args) : String(args);
      for (const line of text.replace(/\n$/, '').split('\n')) {
        if (!WORKBENCH_NOISE.some((re) => re.test(line))) log(line);
      }
    });
    await context.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
    page = context.pages()[0] ?? (await context.newPage());
    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    if (options.onPage) await options.onPage(page, { runDir, workspace });
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

    let timer;
    const timedOut = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const result = await Promise.race([exitCode, timedOut, serverExited]);
    clearTimeout(timer);
    if (result === 'timeout') {
      const shot = join(repoRoot, 'out', 'e2e', `timeout-${Date.now()}.png`);
      mkdirSync(dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).catch(() => undefined);
      log(`[runner] timed out after ${timeoutMs / 1000} s; screenshot: ${shot}`);
      log(serverOutput.split('\n').slice(-30).join('\n'));
      return 1;
    }
    return result;
  } finally {
    await browser?.close().catch(() => undefined);
    await killGroup(server);
    if (!process.env.OBSCONF_E2E_KEEP) rmSync(runDir, { recursive: true, force: true });
  }
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--vsix') out.vsix = argv[++i];
    else if (arg === '--grep') out.grep = argv[++i];
    else if (arg === '--timeout') out.timeoutSeconds = Number(argv[++i]);
    else throw new Error(`unknown argument ${arg}`);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  const env = {};
  if (args.grep) env.OBSCONF_E2E_GREP = args.grep;
  if (args.vsix) env.OBSCONF_E2E_MODE = 'vsix';
  let code = 1;
  try {
    code = await runInCodeServer({ vsix: args.vsix, timeoutSeconds: args.timeoutSeconds, env });
  } catch (error) {
    console.error(`[runner] ${error.stack ?? error}`);
  }
  process.exit(code);
}
