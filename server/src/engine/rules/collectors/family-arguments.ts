import { argumentProblems } from '../../collectors/checks';
import { defineFileRule } from '../types';
import { analysisOf, COLLECTOR_CROSS_FILE, reportProblems } from './common';

export default defineFileRule({
  id: 'collectors/family-arguments',
  severity: 'error',
  crossFile: COLLECTOR_CROSS_FILE,
  docs: {
    exampleFile: 'collector.py',
    summary: 'A *MetricFamily gets constructor arguments prometheus_client rejects: labels= together with value= (count_value=, buckets=), or a summary\'s count and sum not given together, or a histogram sum without buckets.',
    why: 'The constructors raise ValueError ("Can only specify at most one of value and labels.", …), so collect() fails and the scrape returns an error. A family with labels gets its samples from add_metric(label_values, value).',
    bad: "from prometheus_client.core import GaugeMetricFamily\n\nclass C:\n    def collect(self):\n        yield GaugeMetricFamily('jobs', 'Jobs', value=1, labels=['queue'])\n",
    good: "from prometheus_client.core import GaugeMetricFamily\n\nclass C:\n    def collect(self):\n        g = GaugeMetricFamily('jobs', 'Jobs', labels=['queue'])\n        g.add_metric(['default'], 1)\n        yield g\n",
  },
  check(context) {
    const found = analysisOf(context);
    if (!found) return;
    reportProblems(context, found.source, argumentProblems(found.analysis));
  },
});
