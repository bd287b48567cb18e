from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from .models import Worker


def metric_name(worker, suffix):
    return 'celery_{}_{}'.format(worker.name.lower().replace('@', '_at_'), suffix)


class WorkerCollector:
    def _gauge(self, worker):
        g = GaugeMetricFamily(metric_name(worker, 'active_tasks'), 'Active tasks', labels=['pool'])
        g.add_metric([worker.pool], worker.active)
        return g

    def _counters(self, worker):
        yield CounterMetricFamily(metric_name(worker, 'processed'), 'Processed tasks', value=worker.processed)

    def collect(self):
        for worker in Worker.objects.all():
            yield self._gauge(worker)
            yield from self._counters(worker)
