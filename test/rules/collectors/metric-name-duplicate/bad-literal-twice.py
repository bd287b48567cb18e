from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from .models import Queue


class JobsCollector:
    def collect(self):
        yield CounterMetricFamily('jobs', 'Jobs done', value=1)
        yield GaugeMetricFamily('jobs_total', 'Jobs as a gauge', value=2)
#                               ^^^^^^^^^^^^ error collectors/metric-name-duplicate: Metric family "jobs_total" clashes with CounterMetricFamily("jobs"),
        for queue in Queue.objects.all():
            yield GaugeMetricFamily('queue_depth', 'Depth of one queue', value=0)
#                                   ^^^^^^^^^^^^^ error collectors/metric-name-duplicate: Metric family "queue_depth" does not depend on queue: it is built
