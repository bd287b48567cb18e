from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily, InfoMetricFamily


class CacheCollector:
    def collect(self):
        g = GaugeMetricFamily('cache_entries', 'Entries', labels=['cache-name', '__shard'])
#                                                                ^^^^^^^^^^^^^^^^^^^^^^^^^ error collectors/label-name-invalid: Label "cache-name" is not a valid label name: it contains "-"; only
#                                                                ^^^^^^^^^^^^^^^^^^^^^^^^^ error collectors/label-name-invalid: Label "__shard" is not a valid label name: names starting with "__"
        g.add_metric(['sessions', '1'], 10)
        yield g
        h = HistogramMetricFamily('cache_lookup_seconds', 'Lookup time', labels=['le'])
#                                                                               ^^^^^^ error collectors/label-name-invalid: Label "le" is not a valid label name: "le" is reserved for the bucket
        h.add_metric(['x'], [('0.1', 3), ('+Inf', 5)], 0.4)
        yield h
        yield InfoMetricFamily('cache_build', 'Build', value={'git.sha': 'abc'})
#             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error collectors/label-name-invalid: Info label "git.sha" is not a valid label name: it contains "."; only
