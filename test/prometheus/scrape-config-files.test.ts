/**
 * prometheus/scrape-duration across files: a file of scrape configs that a
 * main prometheus.yml loads through scrape_config_files is judged against that
 * main file's global scrape_interval, and an edit of the main file re-checks it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter } from '../../server/src/engine/linter';

const MAIN = 'file:///srv/prometheus/prometheus.yml';
const JOBS = 'file:///srv/prometheus/scrape.d/app%20jobs.yml';
const jobs = 'scrape_configs:\n  - job_name: app\n    scrape_timeout: 90s\n    static_configs:\n      - targets: [app:8000]\n';
const main = (interval: string, pattern: string) => `global:\n  scrape_interval: ${interval}\nscrape_config_files:\n  - '${pattern}'\n`;

function timeoutFindings(linter: Linter): string[] {
  while (linter.pending) linter.run();
  return linter.findingsFor(JOBS).filter((f) => f.ruleId === 'prometheus/scrape-duration').map((f) => f.message);
}

test('edits of the main file re-check the file it loads', () => {
  const linter = new Linter();
  linter.setFile(JOBS, jobs, 'disk');
  linter.setFile(MAIN, main('2m', 'scrape.d/*.yml'), 'disk');
  assert.deepEqual(timeoutFindings(linter), []);

  linter.setFile(MAIN, main('30s', 'scrape.d/*.yml'), 'editor');
  const [message] = timeoutFindings(linter);
  assert.match(message, /global scrape_interval 30s of \.\.\/prometheus\.yml/);

  linter.setFile(MAIN, main('2m', 'other.d/*.yml'), 'editor');
  assert.match(timeoutFindings(linter)[0], /Prometheus' default scrape_interval 1m .*neither the job nor global/);

  linter.setFile(MAIN, main('2m', '/srv/prometheus/scrape.d/app?jobs.yml'), 'editor');
  assert.deepEqual(timeoutFindings(linter), []);

  linter.removeFile(MAIN);
  assert.equal(timeoutFindings(linter).length, 1);
});

test('glob patterns follow filepath.Match: * stays within one directory, classes and escapes', () => {
  const cases: [string, boolean][] = [
    ['scrape.d/*.yml', true],
    ['*/*.yml', true],
    ['*.yml', false],
    ['scrape.d/[a-b]pp jobs.yml', true],
    ['scrape.d/[^a]pp jobs.yml', false],
    ['scrape.d/\\app jobs.yml', true],
    ['./x/../scrape.d/app jobs.yml', true],
    ['scrape.d/[app jobs.yml', false],
  ];
  for (const [pattern, loaded] of cases) {
    const linter = new Linter();
    linter.setFile(JOBS, jobs, 'disk');
    linter.setFile(MAIN, main('2m', pattern), 'disk');
    assert.equal(timeoutFindings(linter).length, loaded ? 0 : 1, pattern);
  }
});
