from prometheus_client.core import CounterMetricFamily

LABELS = ['method', 'path', 'status']


class RequestCollector:
    def collect(self):
        c = CounterMetricFamily('http_requests', 'Requests', labels=LABELS)
        for method, path, status, count in [('GET', '/', '200', 10), ('POST', '/login', '302', 3)]:
            c.add_metric([method, path, status], count)
        yield c
