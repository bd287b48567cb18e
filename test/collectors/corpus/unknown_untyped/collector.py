from prometheus_client.core import UnknownMetricFamily, UntypedMetricFamily


class LegacyCollector:
    def collect(self):
        yield UnknownMetricFamily('legacy_value', 'A value of unknown type', value=1.5)
        u = UntypedMetricFamily('legacy_counter', 'Counter without type', labels=['source'], unit='bytes')
        u.add_metric(['disk'], 100)
        yield u
