/**
 * Every fix of every finding in the rule fixtures (test/rules/<family>/<rule>/bad-*),
 * safe and unsafe, applied on its own: the files still parse, only the lines
 * of its edits change, and re-linting no longer reports that finding. Then
 * fix-all runs to a fixed point and a second run changes nothing.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/engine/documents/lineIndex';
import { fixAll } from '../../server/src/engine/fixes/fixAll';
import { applyFix, assertParses, Files, fixEdits, lint, touchedLines } from './harness';

const RULES = path.join(__dirname, '..', 'rules');

function fixtures(): { name: string; files: Files }[] {
  const out: { name: string; files: Files }[] = [];
  for (const family of readdirSync(RULES)) {
    const familyDir = path.join(RULES, family);
    if (!statSync(familyDir).isDirectory()) continue;
    for (const rule of readdirSync(familyDir)) {
      const ruleDir = path.join(familyDir, rule);
      if (!statSync(ruleDir).isDirectory()) continue;
      for (const entry of readdirSync(ruleDir)) {
        if (!entry.startsWith('bad-') || entry.includes('.fixed')) continue;
        const full = path.join(ruleDir, entry);
        const files: Files = new Map();
        if (statSync(full).isDirectory()) {
          for (const f of readdirSync(full)) if (/\.(ya?ml|py)$/.test(f)) files.set(`file:///ws/${f}`, readFileSync(path.join(full, f), 'utf8'));
        } else if (/\.(ya?ml|py)$/.test(entry)) files.set(`file:///ws/${entry}`, readFileSync(full, 'utf8'));
        if (files.size) out.push({ name: `${family}/${rule}/${entry}`, files });
      }
    }
  }
  return out;
}

for (const { name, files } of fixtures()) {
  const { findings } = lint(files);
  if (!findings.some((f) => f.fixes?.length)) continue;
  test(`every fix of ${name}`, () => {
    for (const finding of findings) {
      for (const fix of finding.fixes ?? []) {
        const fixed = applyFix(files, fix);
        const edits = fixEdits(files, fix);
        for (const [uri, text] of fixed) {
          const before = files.get(uri)!;
          if (text === before) continue;
          if (!uri.endsWith(".py")) assertParses(text, `${name} (${uri}) after "${fix.title}"`);
          const lines = new LineIndex(before);
          const allowed = new Set<number>();
          for (const e of edits.get(uri) ?? []) {
            const first = lines.positionAt(e.start).line;
            const last = lines.positionAt(Math.max(e.start, e.end - 1)).line;
            const inserted = e.newText.split('\n').length;
            for (let l = first - inserted; l <= last + inserted; l++) allowed.add(l);
          }
          for (const line of touchedLines(before, text)) assert.ok(allowed.has(line), `${name}: "${fix.title}" changed line ${line + 1} of ${uri}, away from its edits`);
        }
        const again = lint(fixed).findings;
        assert.ok(
          !again.some((f) => f.ruleId === finding.ruleId && f.message === finding.message && JSON.stringify(f.data ?? null) === JSON.stringify(finding.data ?? null)),
          `${name}: "${fix.title}" did not remove: ${finding.message}`,
        );
      }
    }
    const input = [...files].map(([uri, text]) => ({ uri, text }));
    const first = fixAll(input);
    assert.ok(first.converged, `${name}: fix-all did not converge`);
    const next = input.map((f) => ({ uri: f.uri, text: first.changed.get(f.uri)?.after ?? f.text }));
    for (const f of next) if (!f.uri.endsWith(".py")) assertParses(f.text, `${name} (${f.uri}) after fix-all`);
    assert.equal(fixAll(next).changed.size, 0, `${name}: a second fix-all changed something`);
  });
}
