// Scaffolds a new rule: the rule file, its fixture folder and its registry line.
//
//   node scripts/new-rule.mjs <family/name> [--scope object|document|file] [--root DIR]
//
// The rule file compiles but reports nothing, and its bad fixture annotates
// nothing, so test/rules fails until the rule is written: implement `check`,
// make bad-basic.yaml a manifest that triggers it (with the expected findings
// as caret comments, see test/rules/README.md), then run `npm run docs`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const { FAMILY_FOLDERS } = await tsImport('./gen-docs.ts', import.meta.url);

function usage(message) {
  process.stderr.write(`${message}\nusage: node scripts/new-rule.mjs <family/name> [--scope object|document|file] [--root DIR]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let id;
let scope = 'object';
let root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--scope') scope = args[++i];
  else if (args[i] === '--root') root = resolve(args[++i] ?? '');
  else if (args[i].startsWith('-')) usage(`unknown option ${args[i]}`);
  else if (id) usage('one rule id at a time');
  else id = args[i];
}
if (!id) usage('missing rule id');
if (!/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) usage(`"${id}" is not a rule id: family/name, lowercase words joined by "-"`);
if (!['object', 'document', 'file'].includes(scope)) usage(`unknown scope "${scope}"`);

const [family, name] = id.split('/');
const folder = FAMILY_FOLDERS[family] ?? family;
const ruleFile = join(root, 'server/src/engine/rules', folder, `${name}.ts`);
const fixtureDir = join(root, 'test/rules', family, name);
const registry = join(root, 'server/src/engine/rules/index.ts');
if (existsSync(ruleFile)) usage(`${ruleFile} exists already`);
if (existsSync(fixtureDir)) usage(`${fixtureDir} exists already`);
let index = readFileSync(registry, 'utf8');
if (index.includes(`'${id}'`) || index.includes(`/${folder}/${name}'`)) usage(`${id} is registered already`);

// The import name: camelCase of the rule name, with the family in front when that is taken.
const camel = (text) => text.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
let variable = camel(name);
if (new RegExp(`\\b${variable}\\b`).test(index)) variable = camel(`${family}-${name}`);
if (new RegExp(`\\b${variable}\\b`).test(index)) usage(`cannot find a free import name for ${id} in index.ts`);

const templates = {
  object: `import type { Workload } from '../../model/kubernetes';
import { defineObjectRule } from '../types';

export default defineObjectRule<Workload>({
  id: '${id}',
  severity: 'warning',
  appliesTo: ['workload'],
  docs: {
    summary: 'One sentence: what the rule checks.',
    why: 'Why it matters, in a few sentences, with the fact it rests on (Kubernetes, Prometheus, gunicorn…).',
    bad: '',
    good: '',
  },
  check({ object, report }) {
    // Report at the exact node: report({ at: { doc: object.doc, span }, message: 'What is wrong; what would be right.' }).
    void object;
    void report;
  },
});
`,
  document: `import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: '${id}',
  severity: 'warning',
  docs: {
    summary: 'One sentence: what the rule checks.',
    why: 'Why it matters, in a few sentences, with the fact it rests on.',
    bad: '',
    good: '',
  },
  check({ doc, report }) {
    // Report at the exact node: report({ at: { doc, span }, message: 'What is wrong; what would be right.' }).
    void doc;
    void report;
  },
});
`,
  file: `import { defineFileRule } from '../types';

export default defineFileRule({
  id: '${id}',
  severity: 'warning',
  docs: {
    summary: 'One sentence: what the rule checks.',
    why: 'Why it matters, in a few sentences, with the fact it rests on.',
    bad: '',
    good: '',
  },
  check({ file, report }) {
    // report({ at: { uri: file.uri, range }, message: 'What is wrong; what would be right.' }).
    void file;
    void report;
  },
});
`,
};

// The registry: the import after the last import, the rule at the end of ALL_RULES.
const imports = [...index.matchAll(/^import .*;$/gm)];
const lastImport = imports[imports.length - 1];
if (!lastImport) usage(`no import lines in ${registry}`);
const importEnd = lastImport.index + lastImport[0].length;
index = `${index.slice(0, importEnd)}\nimport ${variable} from './${folder}/${name}';${index.slice(importEnd)}`;
const listStart = index.indexOf('export const ALL_RULES');
const listEnd = index.indexOf('\n];', listStart);
if (listStart === -1 || listEnd === -1) usage(`cannot find the ALL_RULES list in ${registry}`);
index = `${index.slice(0, listEnd)}\n  ${variable},${index.slice(listEnd)}`;

mkdirSync(dirname(ruleFile), { recursive: true });
writeFileSync(ruleFile, templates[scope]);
mkdirSync(fixtureDir, { recursive: true });
writeFileSync(
  join(fixtureDir, 'ok-basic.yaml'),
  `# A minimal manifest that must not trigger ${id}.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: example\n`,
);
writeFileSync(
  join(fixtureDir, 'bad-basic.yaml'),
  `# A minimal manifest that triggers ${id}; put the expected findings under their lines, e.g.\n#   #        ^^^^ warning ${id}: part of the message\n# (test/rules/README.md has the syntax). Until then the fixture test fails.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: example\n`,
);
writeFileSync(registry, index);
const shown = (path) => path.slice(root.length + 1);
process.stdout.write(
  `created ${shown(ruleFile)}\ncreated ${shown(fixtureDir)}/ok-basic.yaml and bad-basic.yaml\nregistered ${id} in ${shown(registry)}\n` +
    `next: implement the rule, write the fixtures and docs examples, then run \`npm run docs\` and \`node --import tsx --test test/rules/*.test.ts\`.\n`,
);
