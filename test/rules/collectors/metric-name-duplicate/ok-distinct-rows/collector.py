from prometheus_client.core import GaugeMetricFamily
from .models import Component


class ComponentCollector:
    def collect(self):
        for component in Component.objects.all():
            yield GaugeMetricFamily(component.name.replace('-', '_') + '_up', 'Up', value=1)
