# Both set: the range wins.
PROMETHEUS_METRICS_EXPORT_PORT = 8001
PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(8001, 8005)
# @ 2:1-2:38 hint django/export-port-both: PROMETHEUS_METRICS_EXPORT_PORT is ignored: django-prometheus uses PROMETHEUS_METRICS_EXPORT_PORT_RANGE when
