/**
 * Tests of the fixture harness itself: a harness that accepts a wrong
 * expectation would let every rule test pass.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defineDocumentRule } from '../../server/src/engine/rules/types';
import { parseAnnotations, renderAnnotation, stripAnnotations } from './annotations';
import { checkFixture, Fixture } from './harness';

function fixture(kind: 'ok' | 'bad', ruleId: string, files: Record<string, string>, expectedFixed?: Record<string, string>): Fixture {
  return {
    ruleId,
    kind,
    name: `${kind}-test`,
    path: '/nowhere',
    files: Object.entries(files).map(([name, text]) => ({ name, path: `/nowhere/${name}`, uri: `file:///nowhere/${name}`, text })),
    expectedFixed: expectedFixed ? new Map(Object.entries(expectedFixed)) : undefined,
  };
}

const POD = (port: string) => `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: app
      ports:
        - name: metrics-1
          containerPort: ${port}
`;

const WORKERS = (second: string) => `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: django
      image: app
      env:
        - name: WEB_CONCURRENCY
          value: "2"
        - name: METRICS_START_PORT
          value: "5001"
      ports:
        - name: metrics-1
          containerPort: 5001
        - name: metrics-2
          containerPort: ${second}
`;

describe('annotation syntax', () => {
  test('a caret line points at the columns under it, on the nearest line above that is not an annotation', () => {
    const parsed = parseAnnotations('a: 1\nkey: value\n#    ^^^^^ error k8s/field-type: must be\n#    ^ hint k8s/field-type: second\n');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(
      parsed.expectations.map((e) => [e.range, e.severity, e.ruleId, e.message]),
      [
        [{ start: { line: 1, character: 5 }, end: { line: 1, character: 10 } }, 'error', 'k8s/field-type', 'must be'],
        [{ start: { line: 1, character: 5 }, end: { line: 1, character: 6 } }, 'hint', 'k8s/field-type', 'second'],
      ],
    );
    assert.deepEqual([...parsed.annotationLines], [2, 3]);
  });

  test('the explicit form takes 1-based line:column positions, end exclusive', () => {
    const parsed = parseAnnotations('# @ 3:1-5:1 warning wiring/worker-port-extra: spans lines\n');
    assert.deepEqual(parsed.expectations[0].range, { start: { line: 2, character: 0 }, end: { line: 4, character: 0 } });
  });

  test('@check collects rule ids, or all', () => {
    assert.deepEqual([...(parseAnnotations('# @check k8s/field-type, obsconf/yaml-syntax\n').check as Set<string>)], ['k8s/field-type', 'obsconf/yaml-syntax']);
    assert.equal(parseAnnotations('# @check all\n').check, 'all');
  });

  test('malformed annotations are errors, not silently ignored', () => {
    const cases = [
      '#  ^^ error k8s/field-type: caret on the first line',
      'a: 1\n#  ^^^^^^ error k8s/field-type: past the end of the line',
      'a: 1\n#  ^ fatal k8s/field-type: unknown severity',
      'a: 1\n#  ^ error k8s/field-type:',
      'a: 1\n#  ^ error field-type: id without a family',
      '# @ 0:1-1:1 error k8s/field-type: zero line',
      '# @ 2:1-1:1 error k8s/field-type: ends before it starts',
      '# @ 1-2 error k8s/field-type: no columns',
    ];
    for (const text of cases) assert.equal(parseAnnotations(text).errors.length, 1, text);
  });

  test('stripping removes exactly the annotation lines', () => {
    assert.equal(stripAnnotations('a: 1\n#  ^ error k8s/x: y\n# a real comment\nb: 2\n# @check all\n'), 'a: 1\n# a real comment\nb: 2\n');
  });

  test('rendered annotations parse back to the same range', () => {
    for (const range of [
      { start: { line: 0, character: 4 }, end: { line: 0, character: 9 } },
      { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
      { start: { line: 0, character: 2 }, end: { line: 2, character: 0 } },
    ]) {
      const line = renderAnnotation(range, 'error', 'k8s/field-type', 'message');
      const parsed = parseAnnotations(`0123456789\n${line}\n`);
      assert.deepEqual(parsed.errors, []);
      const got = parsed.expectations[0].range;
      // The explicit form counts the lines of the text it sits in; here line 0 is the first.
      assert.deepEqual(got, range, line);
    }
  });
});

describe('checkFixture', () => {
  const annotated = `${POD('70000')}#                        ^^^^^ error k8s/container-port-number: not 70000\n`;

  test('passes when the annotations match the findings exactly', () => {
    assert.deepEqual(checkFixture(fixture('bad', 'k8s/container-port-number', { 'a.yaml': annotated })).problems, []);
  });

  test('fails on a wrong column, severity or message', () => {
    for (const wrong of [
      annotated.replace('#                        ^^^^^', '#                       ^^^^^^'),
      annotated.replace('^^^^^ error', '^^^^^ warning'),
      annotated.replace('not 70000', 'not 80000'),
    ]) {
      const { problems } = checkFixture(fixture('bad', 'k8s/container-port-number', { 'a.yaml': wrong }));
      assert.ok(problems.some((p) => p.includes('not reported')), problems.join('\n'));
      assert.ok(problems.some((p) => p.includes('unexpected error k8s/container-port-number')), problems.join('\n'));
    }
  });

  test('fails on a finding nobody annotated, and on a bad fixture without annotations', () => {
    const { problems } = checkFixture(fixture('bad', 'k8s/container-port-number', { 'a.yaml': POD('70000') }));
    assert.ok(problems.some((p) => p.startsWith('a bad- fixture must annotate')));
    assert.ok(problems.some((p) => p.includes('unexpected error k8s/container-port-number at 11:26-11:31')));
  });

  test('an ok fixture fails when the rule reports, and may not expect the rule', () => {
    assert.ok(checkFixture(fixture('ok', 'k8s/container-port-number', { 'a.yaml': POD('70000') })).problems.length > 0);
    assert.ok(checkFixture(fixture('ok', 'k8s/container-port-number', { 'a.yaml': annotated })).problems.some((p) => p.includes('must not expect')));
    assert.deepEqual(checkFixture(fixture('ok', 'k8s/container-port-number', { 'a.yaml': POD('5001') })).problems, []);
  });

  test('other rules are checked only when annotated or named by @check', () => {
    const wrongType = POD('"5001"');
    assert.deepEqual(checkFixture(fixture('ok', 'k8s/container-port-number', { 'a.yaml': wrongType })).problems, []);
    const checked = checkFixture(fixture('ok', 'k8s/container-port-number', { 'a.yaml': `# @check all\n${wrongType}` })).problems;
    assert.ok(checked.some((p) => p.includes('unexpected error k8s/field-type')), checked.join('\n'));
  });

  test('an annotation that changes the YAML is reported', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  script: |\n    echo one\n#   ^^^^ error k8s/field-type: inside the block scalar\n    echo two\n';
    const { problems } = checkFixture(fixture('ok', 'k8s/field-type', { 'a.yaml': text }));
    assert.ok(problems.some((p) => p.includes('change what the YAML means')), problems.join('\n'));
  });

  test('annotations naming unknown rules fail', () => {
    const { problems } = checkFixture(fixture('ok', 'k8s/field-type', { 'a.yaml': 'a: 1\n# ^ error k8s/no-such-rule: x\n' }));
    assert.ok(problems.some((p) => p.includes('unknown rule k8s/no-such-rule')));
  });

  describe('fixes', () => {
    const bad = `${WORKERS('5003')}#                        ^^^^ error wiring/worker-port-number: must be 5002\n`;

    test('the text after the safe fixes must equal the .fixed file', () => {
      const ok = checkFixture(fixture('bad', 'wiring/worker-port-number', { 'a.yaml': bad }, { 'a.yaml': WORKERS('5002') }));
      assert.deepEqual(ok.problems, []);
      const missing = checkFixture(fixture('bad', 'wiring/worker-port-number', { 'a.yaml': bad }));
      assert.ok(missing.problems.some((p) => p.includes('add bad-test.fixed with')), missing.problems.join('\n'));
      const wrong = checkFixture(fixture('bad', 'wiring/worker-port-number', { 'a.yaml': bad }, { 'a.yaml': WORKERS('5004') }));
      assert.ok(wrong.problems.some((p) => p.includes('-          containerPort: 5004') && p.includes('+          containerPort: 5002')), wrong.problems.join('\n'));
    });

    const FIX_RULE = (newText: (text: string) => string, safe = true) =>
      defineDocumentRule({
        id: 'test/fixer',
        severity: 'warning',
        fix: 'always',
        docs: { summary: 'Test rule.', why: 'Test rule.' },
        check({ doc, report }) {
          if (!doc.text.includes('fixed: true')) {
            report({ at: { doc, span: { start: 0, end: 1 } }, message: 'not fixed', fixes: [{ title: 'fix', safe, edits: [{ at: { doc, span: { start: 0, end: 1 } }, newText: newText(doc.text) }] }] });
          }
        },
      });
    const annotatedFixer = '# @ 1:1-1:2 warning test/fixer: not fixed\na: 1\n';

    test('fixes that never converge fail after 10 rounds', () => {
      const rule = FIX_RULE((text) => text[0]);
      const { problems } = checkFixture(fixture('bad', 'test/fixer', { 'a.yaml': annotatedFixer }), { rules: [rule] });
      assert.ok(problems.some((p) => p.includes('do not converge')), problems.join('\n'));
    });

    test('a fix that breaks the YAML fails', () => {
      const rule = FIX_RULE(() => '# fixed: true\n  a: [\n');
      const { problems } = checkFixture(fixture('bad', 'test/fixer', { 'a.yaml': annotatedFixer }, { 'a.yaml': '' }), { rules: [rule] });
      assert.ok(problems.some((p) => p.includes('no longer parses')), problems.join('\n'));
    });

    test('unsafe fixes are not applied', () => {
      const rule = FIX_RULE(() => '# fixed: true\n', false);
      assert.deepEqual(checkFixture(fixture('bad', 'test/fixer', { 'a.yaml': annotatedFixer }), { rules: [rule] }).problems, []);
    });

    test('the fix metadata must match what the findings offer', () => {
      const rule = { ...FIX_RULE(() => '# fixed: true\n'), fix: 'none' as const };
      const { problems } = checkFixture(fixture('bad', 'test/fixer', { 'a.yaml': annotatedFixer }, { 'a.yaml': '# fixed: true\n# @ 1:1-1:2 warning test/fixer: not fixed\na: 1\n' }), { rules: [rule] });
      assert.ok(problems.some((p) => p.includes('offers fixes but its metadata says fix: none')), problems.join('\n'));
    });
  });
});
