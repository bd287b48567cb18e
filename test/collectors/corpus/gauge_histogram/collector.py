from prometheus_client.core import GaugeHistogramMetricFamily


class QueueAgeCollector:
    def collect(self):
        g = GaugeHistogramMetricFamily('queue_item_age_seconds', 'Age of queued items', labels=['queue'])
        g.add_metric(['default'], [('1', 4), ('10', 9), ('+Inf', 10)], 37.5)
        yield g
        yield GaugeHistogramMetricFamily('queue_wait', 'Waiting', buckets=[('+Inf', 2)], gsum_value=3.0)
