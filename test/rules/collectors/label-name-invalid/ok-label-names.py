from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily


class CacheCollector:
    def collect(self):
        g = GaugeMetricFamily('cache_entries', 'Entries', labels=['cache_name', 'shard'])
        g.add_metric(['sessions', '1'], 10)
        yield g
        yield InfoMetricFamily('cache_build', 'Build', value={'git_sha': 'abc'})
