from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from .models import Queue


class LiteralCollector:
    def collect(self):
        yield GaugeMetricFamily('http-requests-in-flight', 'In flight', value=1)
#                               ^^^^^^^^^^^^^^^^^^^^^^^^^ error collectors/metric-name-invalid: Metric name "http-requests-in-flight" is invalid: it contains "-";
        yield CounterMetricFamily('5xx_responses', 'Server errors', value=0)
#                                 ^^^^^^^^^^^^^^^ error collectors/metric-name-invalid: Metric name "5xx_responses" is invalid: it starts with a digit.
        for queue in Queue.objects.all():
            yield GaugeMetricFamily(f'queue.{queue.name}.depth', 'Depth', value=0)
#                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^ error collectors/metric-name-invalid: Metric name "queue.{queue.name}.depth" is invalid: it contains ".";
