# django-prometheus settings (seed 1). Deliberate mistake: no default for the env reads,
# so `manage.py` commands crash wherever METRICS_START_PORT is unset.
import os

start_port = int(os.environ.get("METRICS_START_PORT"))
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))

PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(start_port, start_port + workers)
