PROMETHEUS_METRICS_EXPORT_PORT = 8001
# @ 1:1-1:38 error django/export-port-single: PROMETHEUS_METRICS_EXPORT_PORT is one port (8001), but Pod "app", container "django" runs 3 gunicorn workers
