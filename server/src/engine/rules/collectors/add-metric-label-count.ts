import { addMetricProblems } from '../../collectors/checks';
import { defineFileRule } from '../types';
import { analysisOf, COLLECTOR_CROSS_FILE, reportProblems } from './common';

export default defineFileRule({
  id: 'collectors/add-metric-label-count',
  severity: 'warning',
  crossFile: COLLECTOR_CROSS_FILE,
  docs: {
    exampleFile: 'collector.py',
    summary: 'add_metric() is called with a different number of label values than the family declares in labels=.',
    why: 'prometheus_client pairs label names and values with zip(): extra values are dropped and missing ones leave labels out of the sample, silently. Series then merge or lose the dimension they were meant to have.',
    bad: "from prometheus_client.core import GaugeMetricFamily\n\nclass C:\n    def collect(self):\n        g = GaugeMetricFamily('jobs', 'Jobs', labels=['queue', 'state'])\n        g.add_metric(['default'], 1)\n        yield g\n",
    good: "from prometheus_client.core import GaugeMetricFamily\n\nclass C:\n    def collect(self):\n        g = GaugeMetricFamily('jobs', 'Jobs', labels=['queue', 'state'])\n        g.add_metric(['default', 'running'], 1)\n        yield g\n",
  },
  check(context) {
    const found = analysisOf(context);
    if (!found) return;
    reportProblems(context, found.source, addMetricProblems(found.analysis));
  },
});
