import { invalidNameProblems } from '../../collectors/checks';
import { defineFileRule } from '../types';
import { analysisOf, COLLECTOR_CROSS_FILE, nameScheme, reportProblems } from './common';

export default defineFileRule({
  id: 'collectors/metric-name-invalid',
  severity: 'error',
  crossFile: COLLECTOR_CROSS_FILE,
  docs: {
    exampleFile: 'collector.py',
    summary: 'A custom collector builds a metric name prometheus_client rejects under the legacy name scheme (leading digit, ".", "-", space).',
    why: 'Names built from model data (`component.name + "_up"`) are only known at run time. prometheus_client (before 0.22, and whenever legacy validation is on) raises ValueError("Invalid metric name") in the *MetricFamily constructor, so collect() fails and the whole /metrics scrape returns an error. obsconf renders the names from fixtures or the samples file and flags the bad ones. With `collectors.nameValidationScheme: utf8` such names are reported by collectors/metric-name-not-legacy instead.',
    bad: "from prometheus_client.core import GaugeMetricFamily\n\nclass C:\n    def collect(self):\n        yield GaugeMetricFamily('search.v2_up', 'Up')\n",
    good: "from prometheus_client.core import GaugeMetricFamily\n\nclass C:\n    def collect(self):\n        yield GaugeMetricFamily('search_v2_up', 'Up')\n",
  },
  check(context) {
    const found = analysisOf(context);
    if (!found || nameScheme(context.settings) !== 'legacy') return;
    reportProblems(context, found.source, invalidNameProblems(found.analysis, 'legacy'));
  },
});
