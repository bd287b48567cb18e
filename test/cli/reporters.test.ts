import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeData, escapeProperty, githubReporter } from '../../server/src/cli/reporters/github';
import { sarifReporter } from '../../server/src/cli/reporters/sarif';
import { textReporter } from '../../server/src/cli/reporters/text';
import { emptyCounts, type Report, type ReportedFinding } from '../../server/src/cli/report';
import { ALL_RULES } from '../../server/src/engine/rules/index';
import { sarifErrors } from './harness';

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

function report(findings: Partial<ReportedFinding>[]): Report {
  const full = findings.map((f) => ({
    file: 'a.yaml',
    absolute: '/w/a.yaml',
    range: range(0, 0, 0, 1),
    ruleId: 'k8s/service-port-name',
    severity: 'error' as const,
    message: 'm',
    docUrl: 'https://example.invalid/doc.md',
    related: [],
    ...f,
  }));
  const counts = emptyCounts();
  for (const f of full) counts[f.severity]++;
  return { toolVersion: '1.2.3', cwd: '/w', fileCount: 1, findings: full, counts, rules: ALL_RULES, configProblems: [] };
}

describe('github reporter', () => {
  test('escapes what the runner decodes', () => {
    assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
    assert.equal(escapeProperty('dir,with:colon/a.yaml'), 'dir%2Cwith%3Acolon/a.yaml');
  });

  test('severity becomes the command; columns only on one line', () => {
    const out = githubReporter(
      report([
        { severity: 'warning', range: range(2, 4, 2, 9), file: 'a,b.yaml', message: 'x: y, 50%' },
        { severity: 'hint', range: range(2, 4, 5, 2) },
        { severity: 'info', range: range(2, 4, 3, 0) },
      ]),
    );
    assert.equal(
      out,
      '::warning file=a%2Cb.yaml,line=3,col=5,endLine=3,endColumn=10,title=k8s/service-port-name::x: y, 50%25\n' +
        '::notice file=a.yaml,line=3,endLine=6,title=k8s/service-port-name::m\n' +
        '::notice file=a.yaml,line=3,col=5,endLine=3,title=k8s/service-port-name::m\n',
    );
  });
});

describe('text reporter', () => {
  test('one line per finding, 1-based, messages on one line', () => {
    assert.equal(textReporter(report([{ range: range(9, 0, 9, 3), message: 'first\n  second' }])), 'a.yaml:10:1 error k8s/service-port-name first second\n');
  });
});

describe('sarif reporter', () => {
  test('files under the current folder are relative to %SRCROOT%, others absolute', () => {
    const log = JSON.parse(
      sarifReporter(report([{ file: 'sub dir/a.yaml', absolute: '/w/sub dir/a.yaml' }, { file: '../elsewhere/b.yaml', absolute: '/elsewhere/b.yaml' }])),
    );
    assert.deepEqual(sarifErrors(log), []);
    assert.deepEqual(log.runs[0].originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///w/' } });
    assert.deepEqual(
      log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: unknown } }[] }) => r.locations[0].physicalLocation.artifactLocation),
      [{ uri: 'sub%20dir/a.yaml', uriBaseId: '%SRCROOT%' }, { uri: 'file:///elsewhere/b.yaml' }],
    );
  });
});

describe('SARIF validation is not vacuous', () => {
  const valid = () => JSON.parse(sarifReporter(report([{ related: [{ file: 'b.yaml', absolute: '/w/b.yaml', range: range(1, 1, 1, 2), message: 'r' }] }])));

  test('the reporter output validates', () => assert.deepEqual(sarifErrors(valid()), []));

  const broken: [string, (log: any) => void][] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    ['an unknown level', (log) => (log.runs[0].results[0].level = 'hint')],
    ['line 0', (log) => (log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0)],
    ['a URI with a space', (log) => (log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b.yaml')],
    ['a relative helpUri', (log) => (log.runs[0].tool.driver.rules[0].helpUri = 'docs/x.md')],
    ['no driver name', (log) => delete log.runs[0].tool.driver.name],
    ['a message without text', (log) => (log.runs[0].results[0].message = {})],
    ['another version', (log) => (log.version = '2.0.0')],
    ['an unknown property', (log) => (log.runs[0].results[0].severity = 'error')],
  ];
  for (const [what, breakIt] of broken) {
    test(`rejects ${what}`, () => {
      const log = valid();
      breakIt(log);
      assert.notDeepEqual(sarifErrors(log), []);
    });
  }
});
