from prometheus_client.core import GaugeMetricFamily


class DiskCollector:
    def collect(self):
        used = GaugeMetricFamily('disk_used', 'Used space', labels=['mount'], unit='bytes')
        free = GaugeMetricFamily('disk_free', 'Free space', labels=['mount'], unit='bytes')
        for mount in ['/', '/var']:
            used.add_metric([mount], 10)
            free.add_metric([mount], 20)
        return [used, free]
