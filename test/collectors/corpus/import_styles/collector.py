import prometheus_client.core as pc
from prometheus_client import core
from prometheus_client.metrics_core import GaugeMetricFamily as Gauge
import prometheus_client.metrics_core


class StylesCollector:
    def collect(self):
        yield pc.GaugeMetricFamily('styles_alias', 'Module alias', value=1)
        yield core.CounterMetricFamily('styles_from_package', 'From package', value=2)
        yield Gauge('styles_renamed', 'Renamed class', value=3)
        yield prometheus_client.metrics_core.GaugeMetricFamily('styles_dotted', 'Dotted path', value=4)
