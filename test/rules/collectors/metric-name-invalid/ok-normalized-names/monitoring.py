from prometheus_client.core import GaugeMetricFamily
from .models import Component

SERVICE_WINDOW_IN_WINDOW_METRIC = 'service_window_in_window'


class ComponentCollector(object):
    def collect(self):
        for component in Component.objects.all():
            prefix = component.name.replace('-', '_').replace('.', '_') + "_"
            yield GaugeMetricFamily(''.join((prefix, SERVICE_WINDOW_IN_WINDOW_METRIC)), 'In window', value=0)
