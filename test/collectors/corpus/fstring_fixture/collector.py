from prometheus_client.core import GaugeMetricFamily
from .models import Service


class ServiceCollector:
    def collect(self):
        for service in Service.objects.all():
            g = GaugeMetricFamily(f"svc_{service.slug.lower()}_replicas", f"Replicas of {service.slug}", labels=['region', 'tier'])
            g.add_metric([service.region, 'web'], service.replicas)
            yield g
