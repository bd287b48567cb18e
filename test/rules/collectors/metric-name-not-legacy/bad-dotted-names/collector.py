from prometheus_client.core import GaugeMetricFamily
from .models import Service


class VersionCollector:
    def collect(self):
        for service in Service.objects.all():
            yield GaugeMetricFamily(service.name + '.up', 'Up', value=1)
#                                   ^^^^^^^^^^^^^^^^^^^^ warning collectors/metric-name-not-legacy: Metric name "search.up" (for service "search") is not a legacy
