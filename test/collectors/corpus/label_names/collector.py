from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily


class CacheCollector:
    def collect(self):
        g = GaugeMetricFamily('cache_entries', 'Entries', labels=['cache-name', '__shard', 'node'])
        g.add_metric(['sessions', '1', 'a'], 10)
        yield g
        h = HistogramMetricFamily('cache_lookup_seconds', 'Lookup time', labels=['le'])
        h.add_metric(['x'], [('0.1', 3), ('+Inf', 5)], 0.4)
        yield h
        fine = GaugeMetricFamily('cache_hits', 'Hits', labels=['cache_name'])
        fine.add_metric(['sessions'], 100)
        yield fine
