// Bundles the client, the language server and the CLI into one file each (dist/).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

/**
 * Bundles `yaml`'s ES module build (the same code as its CommonJS build,
 * published for the "default" export condition) instead of the CommonJS one
 * that the "node" condition picks: calls into it are then direct, not through
 * esbuild's interop getters, and it does not read `process.env` debug switches
 * once per token, which costs a fifth of the parse of a large file.
 */
const yamlModuleBuild = {
  name: 'yaml-module-build',
  setup(builder) {
    const entry = join(dirname(require.resolve('yaml/package.json')), 'browser', 'index.js');
    builder.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [yamlModuleBuild],
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
