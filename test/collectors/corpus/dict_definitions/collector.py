from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

DEFINITIONS = {
    'orders_open': ('gauge', 'Open orders'),
    'orders_shipped': ('counter', 'Shipped orders'),
    'orders_cancelled_total': ('counter', 'Cancelled orders'),
}


class OrdersCollector:
    def collect(self):
        for name, (kind, doc) in sorted(DEFINITIONS.items()):
            cls = GaugeMetricFamily if kind == 'gauge' else CounterMetricFamily
            family = cls('shop_' + name, doc, labels=['shop'])
            family.add_metric(['main'], 1)
            yield family
