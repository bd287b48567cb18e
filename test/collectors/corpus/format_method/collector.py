from prometheus_client import core
from .models import Tenant

TEMPLATE = 'tenant_{}_{kind}'


class TenantCollector:
    def collect(self):
        for tenant in Tenant.objects.filter(active=True):
            for kind in ('users', 'seats'):
                g = core.GaugeMetricFamily(TEMPLATE.format(tenant.code, kind=kind), 'Tenant {0.code}'.format(tenant))
                g.add_metric([], getattr(tenant, kind))
                yield g
