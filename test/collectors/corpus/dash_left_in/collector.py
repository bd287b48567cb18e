from prometheus_client.core import GaugeMetricFamily
from .models import Host


class HostCollector:
    def collect(self):
        for host in Host.objects.all():
            yield GaugeMetricFamily(host.hostname + '_up', 'Is the host up', value=1)
