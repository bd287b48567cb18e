/**
 * Bad input never crashes or hangs the engine, the server or the CLI: each
 * case gets a clear diagnostic at the right place, or is skipped with a note,
 * and the server keeps answering. Times are only bounded generously (a hang
 * fails the test; slowness is the bench's business).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PlainDiagnostic, sortFindings, toDiagnostic } from '../../server/src/engine/diagnostics';
import { Linter } from '../../server/src/engine/linter';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, rangeOf, REPO_ROOT } from '../lsp/client';

type Range = PlainDiagnostic['range'];

interface Case {
  name: string;
  /** File name (the extension matters for discovery). */
  file?: string;
  text: () => string;
  /** What the diagnostics of the file must show. */
  expect: (diagnostics: { code: string; range: Range; message: string; severity: number }[], text: string) => void;
}

const deployment = (containers: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n${containers}`;

const has = (code: string, range?: Range) => (diagnostics: { code: string; range: Range }[]) => {
  const hit = diagnostics.find((d) => d.code === code && (!range || JSON.stringify(d.range) === JSON.stringify(range)));
  assert.ok(hit, `expected ${code}${range ? ` at ${JSON.stringify(range)}` : ''}, got ${JSON.stringify(diagnostics.map((d) => [d.code, d.range]))}`);
};

function billionLaughs(): string {
  let text = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) text += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]\n`;
  return text;
}

const CASES: Case[] = [
  {
    name: 'malformed YAML',
    text: () => 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n   bad: [\n',
    expect: (d) => has('obsconf/yaml-syntax')(d),
  },
  {
    name: 'containerPort: "abc"',
    text: () => deployment('      - name: django\n        ports:\n        - containerPort: "abc"\n          name: http\n'),
    expect: (d, text) => assert.ok(d.some((x) => x.code.startsWith('k8s/') && JSON.stringify(x.range) === JSON.stringify(rangeOf(text, '"abc"'))), JSON.stringify(d)),
  },
  {
    name: 'ports: {}',
    text: () => deployment('      - name: django\n        ports: {}\n'),
    expect: (d, text) => assert.ok(d.some((x) => JSON.stringify(x.range) === JSON.stringify(rangeOf(text, '{}'))), JSON.stringify(d)),
  },
  {
    name: 'containers: 5',
    text: () => deployment('').replace('containers:\n', 'containers: 5\n'),
    expect: (d, text) => assert.ok(d.some((x) => JSON.stringify(x.range) === JSON.stringify(rangeOf(text, '5', 1))), JSON.stringify(d)),
  },
  {
    name: 'metadata: [] and wrong types everywhere',
    text: () =>
      [
        'apiVersion: v1\nkind: Service\nmetadata: []\nspec:\n  ports: "80"\n  selector: [a]\n',
        'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\nspec:\n  selector: {matchLabels: [1], matchExpressions: {a: b}}\n  namespaceSelector: {any: "yes", matchNames: "x"}\n  endpoints: [5, null, {port: 5, interval: 5, scrapeTimeout: [1]}]\n',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, labels: {a: 1}}\nspec:\n  template:\n    spec:\n      containers: [5, null, {name: c, ports: [7, null, {containerPort: [1], name: {a: b}}], env: {a: b}}]\n',
        'kind: [Deployment]\napiVersion: {}\n',
        '- just\n- a list\n',
        '42\n',
      ].join('---\n'),
    expect: (d, text) => {
      has('k8s/field-type', rangeOf(text, '[]'))(d);
      assert.ok(d.length >= 5, `several findings: ${JSON.stringify(d.map((x) => x.code))}`);
    },
  },
  {
    name: 'labels with non-string values',
    text: () => 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels:\n    app: 5\n    tier: [a]\nspec:\n  ports:\n  - port: 80\n',
    expect: (d, text) => {
      assert.ok(d.some((x) => JSON.stringify(x.range) === JSON.stringify(rangeOf(text, '5'))), JSON.stringify(d));
      assert.ok(d.some((x) => JSON.stringify(x.range) === JSON.stringify(rangeOf(text, '[a]'))), JSON.stringify(d));
    },
  },
  {
    name: 'billion laughs',
    text: billionLaughs,
    expect: (d) => {
      has('obsconf/yaml-syntax')(d);
      assert.match(d[0].message, /alias/i);
    },
  },
  {
    name: 'aliases multiplying Kubernetes nodes (a list of 200 ports aliased into 500 containers)',
    text: () =>
      deployment(
        `      - name: first\n        ports: &p [${Array.from({ length: 200 }, (_, i) => `{containerPort: ${i + 1}, name: m${i}}`).join(', ')}]\n` +
          Array.from({ length: 500 }, (_, i) => `      - {name: c${i}, ports: *p}\n`).join(''),
      ),
    expect: (d) => {
      assert.equal(d.length, 1, JSON.stringify(d.map((x) => x.code)));
      assert.match(d[0].message, /alias/i);
    },
  },
  {
    name: 'a 20 MB file',
    text: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n' + '  # padding padding padding padding padding padding padding padding padding\n'.repeat(Math.ceil((20 * 1024 * 1024) / 76)),
    expect: (d) => {
      assert.equal(d.length, 1);
      has('obsconf/file-skipped')(d);
      assert.match(d[0].message, /MB/);
    },
  },
  {
    name: 'binary bytes in a .yaml',
    text: () => 'apiVersion: v1\n\u0000\u0001\u0002\u00ff' + 'x\u0000'.repeat(100),
    expect: (d) => {
      assert.equal(d.length, 1);
      has('obsconf/file-skipped')(d);
    },
  },
  { name: 'an empty file', text: () => '', expect: (d) => assert.deepEqual(d, []) },
  { name: 'only comments', text: () => '# nothing here\n# at all\n', expect: (d) => assert.deepEqual(d, []) },
  { name: '--- only', text: () => '---\n', expect: (d) => assert.deepEqual(d, []) },
  { name: '--- without a newline', text: () => '---', expect: (d) => assert.deepEqual(d, []) },
  {
    name: 'Windows line endings',
    text: () => 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: s\r\nspec:\r\n  ports:\r\n  - name: web\r\n    port: 70000\r\n',
    expect: (d, text) => has('k8s/service-port-number', rangeOf(text, '70000'))(d),
  },
  {
    name: 'a tab as indentation',
    text: () => 'apiVersion: v1\nkind: Service\nmetadata:\n\tname: s\n',
    expect: (d, text) => has('obsconf/yaml-syntax', rangeOf(text, '\t'))(d),
  },
  {
    name: 'emoji (UTF-16 surrogate pairs) before a finding on the same line',
    text: () => 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{name: "😀🚀-x", port: 70000}]\n',
    expect: (d, text) => {
      // Columns count UTF-16 code units: each emoji is two.
      has('k8s/service-port-number', rangeOf(text, '70000'))(d);
      assert.equal(rangeOf(text, '70000').start.character, '  ports: [{name: "😀🚀-x", port: '.length);
    },
  },
  {
    name: '100k nested [',
    text: () => '['.repeat(100_000),
    expect: (d) => {
      assert.equal(d.length, 1, JSON.stringify(d.slice(0, 3)));
      assert.match(d[0].message, /nests too deeply/);
    },
  },
  {
    name: '20k nested block sequences on one line (yaml itself runs out of stack)',
    text: () => '- '.repeat(20_000) + 'x\ny: 1\n',
    expect: (d) => {
      assert.equal(d.length, 1, JSON.stringify(d.slice(0, 3)));
      assert.match(d[0].message, /nests too deeply/);
    },
  },
  {
    name: 'deeply nested block mappings',
    text: () => Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:\n`).join(''),
    expect: (d) => assert.ok(d.length <= 2 && d.every((x) => x.code === 'obsconf/yaml-syntax'), JSON.stringify(d)),
  },
  {
    name: 'a very long line before a finding',
    text: () => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations: {note: "${'x'.repeat(2_000_000)}"}\nspec:\n  ports: [{name: web, port: 70000}]\n`,
    expect: (d, text) => has('k8s/service-port-number', rangeOf(text, '70000'))(d),
  },
  {
    name: 'a very long line holding the finding',
    text: () => `apiVersion: v1\nkind: Service\nmetadata: {name: s, annotations: {note: "${'y'.repeat(1_000_000)}"}}\nspec: {ports: [{name: web, port: 70000}]}\n`,
    expect: (d, text) => has('k8s/service-port-number', rangeOf(text, '70000'))(d),
  },
  {
    name: 'a mapping with 100k keys (was quadratic in the YAML library)',
    text: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n' + Array.from({ length: 100_000 }, (_, i) => `  key${i}: value\n`).join(''),
    expect: (d) => assert.deepEqual(d, []),
  },
  {
    name: '300k repeated keys',
    text: () => 'a: b\n'.repeat(300_000),
    expect: (d) => {
      assert.ok(d.length > 0 && d.length <= 101, `capped: ${d.length}`);
      assert.ok(d.every((x) => x.code === 'obsconf/yaml-syntax'));
    },
  },
  {
    name: '20k documents',
    text: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n'.repeat(20_000),
    expect: (d) => assert.deepEqual(d, []),
  },
  {
    name: 'a lone surrogate and a byte order mark',
    text: () => '\uFEFFapiVersion: v1\nkind: Service\nmetadata:\n  name: "\uD800x"\nspec:\n  ports: [{name: web, port: 70000}]\n',
    expect: (d, text) => has('k8s/service-port-number', rangeOf(text, '70000'))(d),
  },
];

function lintAlone(uri: string, text: string) {
  const linter = new Linter();
  linter.setFile(uri, text, 'disk');
  let slices = 0;
  do linter.run(() => true);
  while (linter.pending && ++slices < 1_000_000);
  return sortFindings(linter.findingsFor(uri)).map((f) => {
    const d = toDiagnostic(f);
    return { code: d.code, range: d.range, message: d.message, severity: d.severity };
  });
}

const fileName = (c: Case, i: number) => c.file ?? `case-${String(i).padStart(2, '0')}.yaml`;

describe('bad input: the engine', () => {
  CASES.forEach((c, i) => {
    it(c.name, { timeout: 120_000 }, () => {
      const text = c.text();
      const diagnostics = lintAlone(`file:///bad/${fileName(c, i)}`, text);
      assert.ok(!diagnostics.some((d) => d.code === 'obsconf/internal-error'), `a rule failed: ${JSON.stringify(diagnostics.filter((d) => d.code === 'obsconf/internal-error'))}`);
      c.expect(diagnostics, text);
    });
  });
});

describe('bad input: the server and the CLI', () => {
  let root: string;
  let client: LspClient;
  const texts = CASES.map((c) => c.text());

  before(async () => {
    // Half of the files are found on disk by the workspace scan, the other half are opened in the editor.
    root = mkdtempSync(path.join(tmpdir(), 'obsconf-bad-'));
    CASES.forEach((c, i) => {
      if (i % 2 === 0) writeFileSync(path.join(root, fileName(c, i)), texts[i]);
    });
    // Raw bytes that are not UTF-8 at all.
    writeFileSync(path.join(root, 'raw-bytes.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x80, 0x81, 0x82, 0xc3, 0x28, 0x0a, 0x00, 0x00]));
    client = await LspClient.start({ root });
  });

  after(async () => {
    await client?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes the same diagnostics for every case, opened or scanned, and stays alive', { timeout: 600_000 }, async () => {
    for (let i = 0; i < CASES.length; i++) {
      const uri = fileUri(path.join(root, fileName(CASES[i], i)));
      if (i % 2 === 1) client.open(uri, texts[i]);
      const plain = (d: Diagnostic[]) => d.map((x) => ({ code: String(x.code), range: x.range, message: x.message as string, severity: x.severity ?? 0 }));
      const meets = (d: Diagnostic[]) => {
        try {
          CASES[i].expect(plain(d), texts[i]);
          return true;
        } catch {
          return false;
        }
      };
      // A large file may publish progress first: wait until what is published meets the expectation.
      const diagnostics = await client.diagnosticsFor(uri, (d) => (i % 2 === 0 || client.diagnostics.get(uri)!.version === 1) && meets(d), `diagnostics of "${CASES[i].name}"`, 180_000);
      CASES[i].expect(plain(diagnostics), texts[i]);
      assert.equal(client.exitCode, undefined, `the server exited after "${CASES[i].name}"\n${client.stderr}`);
    }
    const raw = await client.diagnosticsFor(fileUri(path.join(root, 'raw-bytes.yaml')), (d) => d.length > 0, 'diagnostics of raw bytes', 60_000);
    assert.equal(raw[0].code, 'obsconf/file-skipped');
    await client.assertAlive(60_000);
  });

  it('edits that break and repair a large document keep the server answering', { timeout: 120_000 }, async () => {
    const uri = fileUri(path.join(root, 'edited.yaml'));
    const text = billionLaughs();
    client.open(uri, 'a: 1\n');
    await client.diagnosticsFor(uri, () => client.diagnostics.get(uri)?.version === 1);
    let version = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text }]);
    await client.diagnosticsFor(uri, (d) => client.diagnostics.get(uri)?.version === version && d.length === 1, 'the alias bomb reported');
    version = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '['.repeat(50_000) + '\n' }]);
    await client.diagnosticsFor(uri, () => client.diagnostics.get(uri)?.version === version, 'deep nesting reported');
    version = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, text: 'a: 1\n' }]);
    await client.diagnosticsFor(uri, (d) => client.diagnostics.get(uri)?.version === version && d.length === 0, 'clean again');
    await client.assertAlive();
  });

  it('the CLI checks the same folder without crashing', { timeout: 300_000 }, () => {
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'check', root], { encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}, signal ${run.signal}\n${run.stderr}`);
    assert.doesNotMatch(run.stderr, /at .*\.js:\d+/, 'no stack trace');
    assert.match(run.stdout, /file-skipped/);
  });
});
