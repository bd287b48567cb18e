# The seed's settings: both reads crash where the variables are unset.
import os

start_port = int(os.environ.get("METRICS_START_PORT"))
#            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning django/metrics-env-default: Where METRICS_START_PORT is not set (tests, manage.py commands), os.environ.get("METRICS_START_PORT") returns
workers = int(os.environ.get("WEB_CONCURRENCY"))
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning django/metrics-env-default: Where WEB_CONCURRENCY is not set (tests, manage.py commands), os.environ.get("WEB_CONCURRENCY") returns None

PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(start_port, start_port + workers)
