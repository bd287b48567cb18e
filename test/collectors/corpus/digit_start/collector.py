from prometheus_client.core import CounterMetricFamily
from .models import Provider


class ProviderCollector:
    def collect(self):
        for provider in Provider.objects.all():
            yield CounterMetricFamily(provider.code.replace('-', '_') + '_logins', 'Logins', value=provider.logins)
