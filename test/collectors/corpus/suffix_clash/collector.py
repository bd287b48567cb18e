from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, SummaryMetricFamily


class ClashCollector:
    def collect(self):
        yield CounterMetricFamily('jobs', 'Jobs done', value=1)
        yield GaugeMetricFamily('jobs_total', 'Jobs, as a gauge', value=2)
        yield SummaryMetricFamily('rpc', 'RPC time', count_value=1, sum_value=0.1)
        yield GaugeMetricFamily('rpc_count', 'RPCs', value=1)
        yield GaugeMetricFamily('standalone', 'No clash', value=1)
