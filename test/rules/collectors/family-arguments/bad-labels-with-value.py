from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily, SummaryMetricFamily


class PoolCollector:
    def collect(self):
        yield GaugeMetricFamily('pool_connections', 'Open connections', value=5, labels=['pool'])
#                                                                             ^ error collectors/family-arguments: GaugeMetricFamily gets both labels= and value=: prometheus_client
        yield SummaryMetricFamily('pool_wait', 'Wait', count_value=3)
#             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error collectors/family-arguments: SummaryMetricFamily: prometheus_client raises ValueError("count_value
        yield HistogramMetricFamily('pool_size', 'Size', sum_value=1.0)
#             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error collectors/family-arguments: HistogramMetricFamily: prometheus_client raises ValueError("sum value
