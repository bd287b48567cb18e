from prometheus_client.core import HistogramMetricFamily, SummaryMetricFamily


class PairsCollector:
    def collect(self):
        yield SummaryMetricFamily('batch_duration', 'Batch duration', count_value=3)
        yield HistogramMetricFamily('batch_size', 'Batch size', sum_value=12.0)
        yield SummaryMetricFamily('batch_wait', 'Batch wait', count_value=3, sum_value=1.5)
