import { labelProblems } from '../../collectors/checks';
import { defineFileRule } from '../types';
import { analysisOf, COLLECTOR_CROSS_FILE, nameScheme, reportProblems } from './common';

export default defineFileRule({
  id: 'collectors/label-name-invalid',
  severity: 'error',
  crossFile: COLLECTOR_CROSS_FILE,
  docs: {
    exampleFile: 'collector.py',
    summary: 'A custom collector declares a label name that is invalid, reserved ("__…", "le" on histograms, "quantile" on summaries) or declared twice.',
    why: 'The *MetricFamily classes do not validate label names: the exposition writes them as given and the scrape fails to parse ("-", "." or a leading digit), or the reserved names clash with what Prometheus and the histogram/summary samples use. Label names starting with "__" are reserved for Prometheus\' internal use.',
    bad: "from prometheus_client.core import GaugeMetricFamily\n\nclass C:\n    def collect(self):\n        g = GaugeMetricFamily('jobs', 'Jobs', labels=['queue-name'])\n        g.add_metric(['default'], 1)\n        yield g\n",
    good: "from prometheus_client.core import GaugeMetricFamily\n\nclass C:\n    def collect(self):\n        g = GaugeMetricFamily('jobs', 'Jobs', labels=['queue_name'])\n        g.add_metric(['default'], 1)\n        yield g\n",
  },
  check(context) {
    const found = analysisOf(context);
    if (!found) return;
    reportProblems(context, found.source, labelProblems(found.analysis, nameScheme(context.settings)));
  },
});
