PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(5001, 5004)
# @ 1:1-1:57 error django/export-port-range-size: PROMETHEUS_METRICS_EXPORT_PORT_RANGE holds 3 ports (5001–5003), but Deployment "app-django", container
