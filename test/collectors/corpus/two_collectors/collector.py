from prometheus_client.core import GaugeMetricFamily


class PrimaryCollector:
    def collect(self):
        yield GaugeMetricFamily('replication_lag_seconds', 'Lag of the primary', value=0)


class ReplicaCollector:
    def collect(self):
        yield GaugeMetricFamily('replication_lag_seconds', 'Lag of the replica', value=3)
        yield GaugeMetricFamily('replica_count', 'Replicas', value=2)
