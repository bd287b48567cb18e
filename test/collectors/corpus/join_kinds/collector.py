from prometheus_client.core import GaugeMetricFamily

KINDS = ['cpu', 'memory', 'disk']
PREFIX = 'node'


class NodeCollector:
    def collect(self):
        for kind in KINDS:
            yield GaugeMetricFamily('_'.join((PREFIX, kind, 'usage', 'ratio')), 'Usage of ' + kind, value=0.5)
