from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily


class TransferCollector:
    def collect(self):
        yield CounterMetricFamily('transfer_total', 'Transferred', value=10, unit='bytes')
        yield CounterMetricFamily('transfer_errors', 'Errors', value=1, created=1.0)
        yield GaugeMetricFamily('transfer_duration_seconds', 'Duration', value=2.5, unit='seconds')
        yield GaugeMetricFamily('transfer_rate', 'Rate', value=100, unit='bytes_per_second')
