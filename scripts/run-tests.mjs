// Runs every test/**/*.test.ts (except the real-VS Code e2e tests and the bench)
// with node's built-in test runner and tsx. Extra arguments are passed to node
// before the file list, e.g. `node scripts/run-tests.mjs --test-name-pattern=lsp`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const skipped = new Set(['test/e2e', 'test/bench']);

function find(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const rel = relative(root, full).split('\\').join('/');
    if (entry.isDirectory()) {
      if (!skipped.has(rel) && entry.name !== 'node_modules') out.push(...find(full));
    } else if (entry.isFile() && entry.name.endsWith('.test.ts')) out.push(rel);
  }
  return out;
}

const files = find(join(root, 'test')).sort();
if (files.length === 0) {
  console.error('run-tests: no test files found under test/');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...process.argv.slice(2), ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
