# A custom collector (seed 2): metric names built from model data. `obsconf metrics` previews them.
from prometheus_client.core import GaugeMetricFamily

from .models import Component


class ComponentCollector:
    def collect(self):
        for component in Component.objects.all():
            prefix = component.name.replace("-", "_")
            yield GaugeMetricFamily(prefix + "_service_window_last_start", "Start of the last service window", value=0)
