import { duplicateProblems } from '../../collectors/checks';
import { defineFileRule } from '../types';
import { analysisOf, COLLECTOR_CROSS_FILE, reportProblems } from './common';

export default defineFileRule({
  id: 'collectors/metric-name-duplicate',
  severity: 'error',
  crossFile: COLLECTOR_CROSS_FILE,
  docs: {
    exampleFile: 'collector.py',
    summary: 'Two metric families of a custom collector expose the same name (for example the rows "a-b" and "a_b" both rendering "a_b_up").',
    why: 'prometheus_client does not check the families one collect() yields against each other: the exposition then lists the same family twice. The registry treats the names and their suffixes (`_total`, `_count`, `_bucket`, …) as the collector\'s time series: registering it beside another collector that produces one of them raises "Duplicated timeseries in CollectorRegistry", an OpenMetrics scrape of the doubled family fails ("Clashing name"), and series with equal labels collide.',
    bad: "from prometheus_client.core import GaugeMetricFamily\n\nclass C:\n    def collect(self):\n        yield GaugeMetricFamily('jobs', 'Jobs', value=1)\n        yield GaugeMetricFamily('jobs', 'Jobs again', value=2)\n",
    good: "from prometheus_client.core import GaugeMetricFamily\n\nclass C:\n    def collect(self):\n        yield GaugeMetricFamily('jobs_queued', 'Jobs', value=1)\n        yield GaugeMetricFamily('jobs_running', 'Jobs again', value=2)\n",
  },
  check(context) {
    const found = analysisOf(context);
    if (!found) return;
    reportProblems(context, found.source, duplicateProblems(found.analysis));
  },
});
