/**
 * django/urls-single-endpoint points, besides the container, at the place
 * where its worker count is set: the container's WEB_CONCURRENCY value, a
 * --workers flag in its args, or the gunicorn config that overrides
 * WEB_CONCURRENCY (the count the wiring rules use). The rule's fixtures are
 * the workspaces; the fixture harness does not check related locations, so
 * this test does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/engine/documents/lineIndex';
import { targetRange, targetUriOf } from '../../server/src/engine/diagnostics';
import { lintFiles, loadFixtures } from '../rules/harness';

const RULE = 'django/urls-single-endpoint';

/** For each bad fixture: the file and the text the "set here" related location must cover. */
const EXPECTED: Record<string, { file: string; text: string; message: RegExp }> = {
  'bad-workers-flag': { file: 'pod.yaml', text: '"--workers", "4"', message: /--workers in the container command/ },
  'bad-web-concurrency': { file: 'pod.yaml', text: '"3"', message: /WEB_CONCURRENCY/ },
  'bad-config-workers': { file: 'gunicorn.conf.py', text: 'workers = 6', message: /workers = 6 in gunicorn\.conf\.py/ },
};

const { fixtures, problems } = loadFixtures(RULE);

test('the fixture folder loads', () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(fixtures.filter((f) => f.kind === 'bad').map((f) => f.name).sort(), Object.keys(EXPECTED).sort());
});

for (const fixture of fixtures.filter((f) => f.kind === 'bad')) {
  test(`${fixture.name}: related locations are the container and where its worker count is set`, () => {
    const expected = EXPECTED[fixture.name];
    const { findings } = lintFiles(fixture.files);
    const found = [...findings.values()].flat().filter((f) => f.ruleId === RULE);
    assert.ok(found.length > 0, 'the rule reports');
    const textOf = (uri: string) => fixture.files.find((f) => f.uri === uri)?.text ?? '';
    for (const finding of found) {
      const related = (finding.related ?? []).map((r) => {
        const uri = targetUriOf(r.at);
        const range = targetRange(r.at);
        const index = new LineIndex(textOf(uri));
        return { uri, text: textOf(uri).slice(index.offsetAt(range.start), index.offsetAt(range.end)), message: r.message };
      });
      assert.equal(related.length, 2, JSON.stringify(related));
      assert.equal(related[0].text, 'django', 'the container name');
      const setAt = related[1];
      assert.ok(setAt.uri.endsWith(`/${fixture.name}/${expected.file}`), setAt.uri);
      assert.equal(setAt.text, expected.text);
      assert.match(setAt.message, /^the worker count is set here/);
      assert.match(setAt.message, expected.message);
    }
  });
}
