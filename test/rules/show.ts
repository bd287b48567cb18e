/**
 * Authoring aid: prints a fixture (file or folder) with the findings obsconf
 * reports inserted as annotation lines. Check every line against the rule's
 * facts before pasting it into a fixture: this shows what the rule does, not
 * what it should do.
 *
 *   node --import tsx test/rules/show.ts test/rules/wiring/worker-unscraped/bad-x.yaml [rule-id…]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseConfig } from '../../server/src/engine/config';
import { DEFAULT_SETTINGS, mergeSettings } from '../../server/src/engine/settings';
import { pathToFileURL } from 'node:url';
import { annotate, lintFiles } from './harness';

const [target, ...ruleIds] = process.argv.slice(2);
if (!target) {
  process.stderr.write('usage: show.ts <fixture file or folder> [rule-id…]\n');
  process.exit(2);
}
const path = resolve(target);
const paths = statSync(path).isDirectory()
  ? readdirSync(path).filter((n) => /\.(ya?ml|py)$/.test(n) && n !== '.obsconf.yaml').map((n) => join(path, n))
  : [path];
const files = paths.map((p) => ({ name: basename(p), uri: pathToFileURL(p).href, text: readFileSync(p, 'utf8') }));
const configPath = join(statSync(path).isDirectory() ? path : dirname(path), '.obsconf.yaml');
const settings = statSync(path).isDirectory() && existsSync(configPath) ? mergeSettings(DEFAULT_SETTINGS, parseConfig(readFileSync(configPath, 'utf8')).settings) : DEFAULT_SETTINGS;
const { findings } = lintFiles(files, settings);
for (const file of files) {
  const list = (findings.get(file.name) ?? []).filter((f) => ruleIds.length === 0 || ruleIds.includes(f.ruleId));
  process.stdout.write(`=== ${file.name}\n${annotate(file.text, list)}\n`);
}
