from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily


class PoolCollector:
    def collect(self):
        yield GaugeMetricFamily('pool_connections', 'Open connections', value=5, labels=['pool'])
        ok = GaugeMetricFamily('pool_idle', 'Idle connections', labels=['pool'])
        ok.add_metric(['default'], 2)
        yield ok
        yield CounterMetricFamily('pool_resets', 'Resets', 7, ['pool'])
