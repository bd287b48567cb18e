// Compiles the end-to-end suite (test/e2e/suite/*.ts) for the extension host: out/e2e/suite/*.js,
// one CommonJS file per test file, with `vscode` and `mocha` left to the host and node_modules;
// and the screenshot driver (test/e2e/screens/index.ts) to out/e2e/screens/index.js.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const suite = join(root, 'test', 'e2e', 'suite');
const outdir = join(root, 'out', 'e2e', 'suite');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: readdirSync(suite)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(suite, f)),
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
await build({
  entryPoints: [join(root, 'test', 'e2e', 'screens', 'index.ts')],
  outdir: join(root, 'out', 'e2e', 'screens'),
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
});
