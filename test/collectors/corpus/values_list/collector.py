from prometheus_client.core import GaugeMetricFamily
from .models import Feature


class FeatureCollector:
    def collect(self):
        for slug in Feature.objects.filter(enabled=True).values_list('slug', flat=True):
            yield GaugeMetricFamily('feature_' + slug + '_enabled', 'Feature flag', value=1)
