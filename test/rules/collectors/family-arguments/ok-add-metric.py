from prometheus_client.core import GaugeMetricFamily, SummaryMetricFamily


class PoolCollector:
    def collect(self):
        g = GaugeMetricFamily('pool_connections', 'Open connections', labels=['pool'])
        g.add_metric(['default'], 5)
        yield g
        yield SummaryMetricFamily('pool_wait', 'Wait', count_value=3, sum_value=0.4)
