from prometheus_client.core import CounterMetricFamily

LABELS = ['method', 'path', 'status']


class RequestCollector:
    def collect(self):
        c = CounterMetricFamily('http_requests', 'Requests', labels=LABELS)
        c.add_metric(['GET', '/'], 10)
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning collectors/add-metric-label-count: add_metric() gets 2 label values but
        c.add_metric(['POST', '/login', '200', 'extra'], 3)
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning collectors/add-metric-label-count: add_metric() gets 4 label values but
        yield c
