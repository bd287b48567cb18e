/**
 * The generated multi-window, multi-burn-rate rules are judged by promtool:
 * `promtool check rules` must accept every variant, and `promtool test rules`
 * must show that the page alert fires on a fast burn, the ticket alert on a
 * slow one, and nothing on a healthy error ratio.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { lintFiles } from '../rules/harness';
import { burnRateGroups, BurnRateOptions, generateBurnRateRules } from '../../server/src/engine/slo/burnRate';
import { requireTool, run } from '../alertmanager/tools';

const METRIC = 'django_http_responses_total_by_status_total';
const base: BurnRateOptions = {
  service: 'checkout',
  slo: 'requests-availability',
  objective: 0.999,
  errorQuery: `sum(rate(${METRIC}{status=~"5.."}[$window]))`,
  totalQuery: `sum(rate(${METRIC}[$window]))`,
  format: 'rules',
};

function generate(options: BurnRateOptions): string {
  const result = generateBurnRateRules(options);
  assert.ok('text' in result, JSON.stringify(result));
  return result.text;
}

describe('generated SLO rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'obsconf-slo-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const objective of [0.999, 0.995, 0.9999]) {
    for (const format of ['rules', 'prometheus-operator'] as const) {
      test(`promtool check rules accepts ${objective * 100} % (${format})`, (t) => {
        const text = generate({ ...base, objective, format });
        // A PrometheusRule's spec is a rule file; promtool checks that part.
        const rules = format === 'rules' ? text : stringify({ groups: parse(text).spec.groups });
        const path = join(dir, `${format}-${objective}.yml`);
        writeFileSync(path, rules);
        const promtool = requireTool(t, 'promtool', 'prometheus');
        if (!promtool) return;
        const result = run(promtool, ['check', 'rules', path]);
        assert.equal(result.status, 0, result.output);
      });
    }
  }

  test('the generated files are lint-clean under obsconf\'s own rules', () => {
    for (const format of ['rules', 'prometheus-operator'] as const) {
      const text = generate({ ...base, format });
      const { findings } = lintFiles([{ name: 'slo.yml', uri: 'file:///ws/slo.yml', text }]);
      assert.deepEqual(findings.get('slo.yml')?.map((f) => `${f.ruleId}: ${f.message}`), [], format);
    }
  });

  test('promtool test rules: fast burn pages, slow burn tickets, healthy stays quiet', (t) => {
    const rulesPath = join(dir, 'burn.rules.yml');
    writeFileSync(rulesPath, generate(base));
    const groups = burnRateGroups(base);
    const alerts = groups[1].rules as { alert: string; labels: Record<string, string>; annotations: Record<string, string> }[];
    const [page, ticket] = alerts;
    const expect = (alert: typeof page) => [{ exp_labels: alert.labels, exp_annotations: alert.annotations }];
    // Requests per minute: errors + successes; counters grow linearly, so every window sees the same ratio.
    const scenario = (errorsPerMinute: number, okPerMinute: number, evalTime: string, fires: { page: boolean; ticket: boolean }) => ({
      interval: '1m',
      input_series: [
        { series: `${METRIC}{status="500"}`, values: `0+${errorsPerMinute}x400` },
        { series: `${METRIC}{status="200"}`, values: `0+${okPerMinute}x400` },
      ],
      alert_rule_test: [
        { eval_time: evalTime, alertname: page.alert, exp_alerts: fires.page ? expect(page) : [] },
        { eval_time: evalTime, alertname: ticket.alert, exp_alerts: fires.ticket ? expect(ticket) : [] },
      ],
    });
    const tests = {
      rule_files: [rulesPath],
      evaluation_interval: '1m',
      tests: [
        // 2 % errors: burn rate 20, above 14.4 in the 1h and 5m windows (and above 3 for the ticket).
        scenario(2, 98, '70m', { page: true, ticket: true }),
        // 0.2 % errors: burn rate 2, below 6 and 14.4 (no page), above 1 over 3d/6h (ticket).
        scenario(2, 998, '6h', { page: false, ticket: true }),
        // 0.05 % errors: burn rate 0.5, nothing fires.
        scenario(1, 1999, '6h', { page: false, ticket: false }),
      ],
    };
    const testsPath = join(dir, 'burn.test.yml');
    writeFileSync(testsPath, stringify(tests));
    const promtool = requireTool(t, 'promtool', 'prometheus');
    if (!promtool) return;
    const result = run(promtool, ['test', 'rules', testsPath]);
    assert.equal(result.status, 0, result.output);
  });

  test('bad options are refused with a reason', () => {
    assert.ok('error' in generateBurnRateRules({ ...base, objective: 1 }));
    assert.ok('error' in generateBurnRateRules({ ...base, errorQuery: 'sum(rate(x[5m]))' }));
    assert.ok('error' in generateBurnRateRules({ ...base, service: ' ' }));
  });
});
