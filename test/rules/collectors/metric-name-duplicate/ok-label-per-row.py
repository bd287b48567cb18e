from prometheus_client.core import GaugeMetricFamily
from .models import Queue


class QueueCollector:
    def collect(self):
        depth = GaugeMetricFamily('queue_depth', 'Depth', labels=['queue'])
        for queue in Queue.objects.all():
            depth.add_metric([queue.name], queue.depth)
        yield depth


class ModeCollector:
    def collect(self):
        # Only one of the two branches runs: no duplicate.
        if settings.READ_ONLY:
            yield GaugeMetricFamily('app_mode', 'Mode', value=0)
        else:
            yield GaugeMetricFamily('app_mode', 'Mode', value=1)
