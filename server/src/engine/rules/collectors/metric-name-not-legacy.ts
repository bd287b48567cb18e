import { invalidNameProblems } from '../../collectors/checks';
import { defineFileRule } from '../types';
import { analysisOf, COLLECTOR_CROSS_FILE, nameScheme, reportProblems } from './common';

export default defineFileRule({
  id: 'collectors/metric-name-not-legacy',
  severity: 'warning',
  crossFile: COLLECTOR_CROSS_FILE,
  docs: {
    summary: 'With the UTF-8 name scheme configured, a custom collector builds a metric name outside the legacy character set.',
    why: 'Under `collectors.nameValidationScheme: utf8` (prometheus_client ≥ 0.22 without legacy validation, Prometheus 3) a name such as "search.v2_up" is accepted, but every consumer must support UTF-8 names: PromQL has to quote it, and a scraper or remote-write target using the legacy scheme rejects or escapes it (escaping can make two names collide).',
  },
  check(context) {
    const found = analysisOf(context);
    if (!found || nameScheme(context.settings) !== 'utf8') return;
    reportProblems(context, found.source, invalidNameProblems(found.analysis, 'utf8'));
  },
});
