from prometheus_client.metrics_core import HistogramMetricFamily
from .models import Endpoint

BUCKETS = [('0.05', 1), ('0.5', 4), ('+Inf', 6)]


class LatencyCollector:
    def collect(self):
        total = HistogramMetricFamily('api_latency_seconds', 'Latency', buckets=BUCKETS, sum_value=1.5)
        yield total
        per = HistogramMetricFamily('api_endpoint_latency', 'Latency per endpoint', labels=['endpoint'], unit='seconds')
        for endpoint in Endpoint.objects.all():
            per.add_metric([endpoint.path], BUCKETS, endpoint.total)
        yield per
        nosum = HistogramMetricFamily('api_payload_bytes', 'Payload sizes', labels=['endpoint'])
        nosum.add_metric(['/'], BUCKETS, None)
        yield nosum
