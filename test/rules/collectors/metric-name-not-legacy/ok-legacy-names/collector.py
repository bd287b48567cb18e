from prometheus_client.core import GaugeMetricFamily
from .models import Service


class VersionCollector:
    def collect(self):
        for service in Service.objects.all():
            yield GaugeMetricFamily(service.name + '_up', 'Up', value=1)
