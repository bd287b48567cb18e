import os

start_port = int(os.environ.get("METRICS_START_PORT", "5001"))
workers = int(os.environ.get("WEB_CONCURRENCY", "1"))

PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(start_port, start_port + workers)
