/**
 * The stack rules never crash on broken input: every fixture of the compose,
 * alertmanager, reload and slo families, cut and shuffled in many ways, is
 * linted without an obsconf/internal-error (a rule that threw).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lintFiles } from '../rules/harness';

const ROOT = join(import.meta.dirname, '..', 'rules');
const FAMILIES = ['compose', 'alertmanager', 'reload', 'slo'];

function* yamlFiles(dir: string): Iterable<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(entry)) yield path;
  }
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutations(text: string, next: () => number): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < 12; i++) {
    const at = Math.floor(next() * text.length);
    const line = Math.floor(next() * lines.length);
    out.push(
      text.slice(0, at),
      text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 20)),
      lines.filter((_, j) => j !== line).join('\n'),
      lines.map((l, j) => (j === line ? l.replace(/^(\s*)/, '$1  ') : l)).join('\n'),
      text.replace(/\d+/g, () => String(Math.floor(next() * 100000))),
      text.replace(/: .*/, ': [[{') ,
    );
  }
  return out;
}

test('no stack rule throws on mutated fixtures', () => {
  const next = random(8);
  let checked = 0;
  for (const family of FAMILIES) {
    for (const path of yamlFiles(join(ROOT, family))) {
      for (const text of mutations(readFileSync(path, 'utf8'), next)) {
        const { findings } = lintFiles([
          { name: 'a.yml', uri: 'file:///ws/a.yml', text },
          { name: 'stack.yml', uri: 'file:///ws/stack.yml', text: text.replace('alerting:', 'services:') },
        ]);
        const crashes = [...findings.values()].flat().filter((f) => f.ruleId === 'obsconf/internal-error');
        assert.deepEqual(crashes.map((f) => f.message), [], `${path}:\n${text}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 1000, `only ${checked} variants checked`);
});
