from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

LABELS = ['method', 'path', 'status']


class RequestCollector:
    def collect(self):
        c = CounterMetricFamily('http_requests', 'Requests', labels=LABELS)
        c.add_metric(['GET', '/'], 10)
        c.add_metric(['POST', '/login', '200', 'extra'], 3)
        c.add_metric(['GET', '/health', '200'], 99)
        yield c
        g = GaugeMetricFamily('http_inflight', 'In flight')
        g.add_metric(['GET'], 1)
        yield g
