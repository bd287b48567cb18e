// Builds the VSIX: the esbuild bundles (scripts/build.mjs), then @vscode/vsce with
// --no-dependencies (the bundles hold every dependency) and the file list in .vscodeignore.
// Fails when the package holds node_modules or sources, lacks a file the extension reads at run
// time, or is 2 MB or more. Prints the VSIX's path on its last line.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const MAX_BYTES = 2 * 1024 * 1024;
const REQUIRED = ['package.json', 'README.md', 'LICENSE', 'dist/client.js', 'dist/server.js', 'snippets/yaml.json', 'snippets/python.json', 'examples/broken-app/service.yml'];

function run(file, args) {
  return execFileSync(file, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

run(process.execPath, [join(root, 'scripts', 'build.mjs')]);

const files = run(process.execPath, [vsce, 'ls', '--no-dependencies'])
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean);
const problems = [];
for (const file of files) {
  if (file.includes('node_modules/')) problems.push(`${file}: node_modules must not be packaged`);
  if (/\.(ts|map)$/.test(file)) problems.push(`${file}: sources and source maps stay out`);
}
for (const file of REQUIRED) if (!files.includes(file)) problems.push(`${file} is missing from the package`);
for (const snippet of pkg.contributes.snippets ?? []) {
  const file = snippet.path.replace(/^\.\//, '');
  if (!files.includes(file)) problems.push(`${file} (a snippets file in package.json) is missing from the package`);
}
// The server links each finding to docs/rules/<rule id>.md beside its bundle.
const ruleDocs = files.filter((f) => f.startsWith('docs/rules/') && f.endsWith('.md'));
if (ruleDocs.length < 10) problems.push(`only ${ruleDocs.length} rule docs in the package (docs/rules/**/*.md; npm run docs writes them)`);
for (const [, image] of readFileSync(join(root, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\((?!https?:)([^)\s]+)\)/g)) {
  if (!files.includes(image)) problems.push(`${image} (an image in README.md) is missing from the package`);
}
for (const walkthrough of pkg.contributes.walkthroughs ?? []) {
  for (const step of walkthrough.steps) {
    const media = step.media?.markdown ?? step.media?.image ?? step.media?.svg;
    for (const file of typeof media === 'string' ? [media] : Object.values(media ?? {})) {
      if (!files.includes(file)) problems.push(`${file} (walkthrough step ${step.id}) is missing from the package`);
    }
  }
}
if (problems.length) {
  console.error(`package: ${problems.join('\npackage: ')}`);
  process.exit(1);
}

mkdirSync(join(root, 'out'), { recursive: true });
const vsix = join(root, 'out', `${pkg.name}-${pkg.version}.vsix`);
// README images stay relative: they ship inside the VSIX (docs/images), where VS Code's
// extension page resolves them; there is no public repository URL to rewrite them against.
run(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix]);
const bytes = statSync(vsix).size;
console.log(`package: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
if (bytes >= MAX_BYTES) {
  console.error(`package: ${vsix} is ${bytes} bytes; it must stay under ${MAX_BYTES}`);
  process.exit(1);
}
console.log(vsix);
