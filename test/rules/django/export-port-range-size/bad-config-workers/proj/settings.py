import os

start_port = int(os.environ.get("METRICS_START_PORT", "5001"))
workers = int(os.environ.get("WEB_CONCURRENCY", "1"))

PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(start_port, start_port + workers)
# @ 6:1-6:79 error django/export-port-range-size: PROMETHEUS_METRICS_EXPORT_PORT_RANGE holds 5 ports (5001–5005), but Deployment "app-django", container
