# Production settings, not the ones manage.py uses.
PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(8001, 8050)
