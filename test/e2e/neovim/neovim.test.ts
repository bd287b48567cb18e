// Drives the standalone server (`obsconf-language-server --stdio`) from a real headless Neovim
// with its built-in LSP client, configured exactly as the README's Neovim section says.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(__dirname, '../../..');

/** The Lua block of the README's "Neovim" section. */
function readmeConfig(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Neovim'));
  assert.ok(section, 'README.md has a "## Neovim" section');
  const lua = /```lua\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(lua, 'the Neovim section holds a ```lua block');
  return lua;
}

interface Seen {
  line: number;
  code: string;
  source: string;
  severity: number;
  message: string;
}
interface Result {
  clients: string[];
  before: Seen[];
  after: Seen[];
  waited_before: boolean;
  waited_after: boolean;
  error?: string;
}

function runNeovim(cwd: string, file: string, env: Record<string, string>, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('nvim', ['--headless', '--clean', '-u', join(cwd, 'init.lua'), file], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => {
      // Neovim and the server it started share the process group we made.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
      reject(new Error(`nvim did not finish in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, output });
    });
  });
}

test('Neovim shows obsconf diagnostics and updates them as the buffer changes', async (t) => {
  const server = join(root, 'dist', 'server.js');
  assert.ok(existsSync(server), 'dist/server.js is built (npm run build)');
  const dir = mkdtempSync(join(tmpdir(), 'obsconf-nvim-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));

  // The README's config runs `obsconf-language-server` from PATH, as after `npm install -g`.
  const bin = join(dir, 'bin');
  cpSync(join(root, 'examples', 'broken-app'), join(dir, 'ws'), { recursive: true });
  mkdirSync(bin);
  writeFileSync(join(bin, 'obsconf-language-server'), `#!/bin/sh\nexec "${process.execPath}" "${server}" "$@"\n`);
  chmodSync(join(bin, 'obsconf-language-server'), 0o755);
  writeFileSync(join(dir, 'ws', 'init.lua'), `${readmeConfig()}\ndofile(${JSON.stringify(join(__dirname, 'harness.lua'))})\n`);

  const resultFile = join(dir, 'result.json');
  const { code, output } = await runNeovim(
    join(dir, 'ws'),
    'servicemonitor.yml',
    {
      PATH: `${bin}:${process.env.PATH}`,
      XDG_CONFIG_HOME: join(dir, 'config'),
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_STATE_HOME: join(dir, 'state'),
      XDG_CACHE_HOME: join(dir, 'cache'),
      OBSCONF_NVIM_EXPECT: 'wiring/worker-unscraped,monitoring/scrape-duration',
      OBSCONF_NVIM_EDIT_FROM: 'scrapeTimeout: 20s',
      OBSCONF_NVIM_EDIT_TO: 'scrapeTimeout: 10s',
      OBSCONF_NVIM_GONE: 'monitoring/scrape-duration',
      OBSCONF_NVIM_RESULT: resultFile,
      OBSCONF_NVIM_TIMEOUT_MS: '20000',
    },
    60_000,
  );
  assert.equal(code, 0, `nvim exit code; output:\n${output}`);
  assert.ok(existsSync(resultFile), `the harness wrote its result; nvim said:\n${output}`);
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as Result;
  assert.equal(result.error, undefined);
  assert.deepEqual(result.clients, ['obsconf']);
  assert.ok(result.waited_before, `the expected diagnostics arrived: ${JSON.stringify(result.before)}`);

  // The same findings the CLI reports for this file (worker 4 unscraped at line 7, the scrape
  // timeout at line 16), with the server's source and severity.
  const unscraped = result.before.find((d) => d.code === 'wiring/worker-unscraped');
  const duration = result.before.find((d) => d.code === 'monitoring/scrape-duration');
  assert.equal(unscraped?.line, 7);
  assert.match(unscraped!.message, /Worker 4 of 5/);
  assert.equal(duration?.line, 16);
  assert.equal(duration?.source, 'obsconf');
  assert.equal(duration?.severity, 1, 'an error');

  assert.ok(result.waited_after, `the scrape-duration problem went away after the edit: ${JSON.stringify(result.after)}`);
  assert.ok(result.after.some((d) => d.code === 'wiring/worker-unscraped'), 'the other problem stays');
});
