from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

JOBS = 'worker_jobs_total'


class JobsCollector:
    def collect(self):
        yield CounterMetricFamily(JOBS, 'Jobs processed', value=42, created=1700000000.0)
        yield CounterMetricFamily('worker_bytes', 'Bytes read', value=1024, unit='bytes')
        yield GaugeMetricFamily('worker_queue_depth', 'Queued jobs', value=3)
        latency = GaugeMetricFamily('worker_latency', 'Latency', unit='seconds')
        latency.add_metric([], 0.25)
        yield latency
