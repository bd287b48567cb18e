# os.environ[...] and an imported environ.
from os import environ

start_port = int(environ["METRICS_START_PORT"])
#            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning django/metrics-env-default: Where METRICS_START_PORT is not set (tests, manage.py commands), os.environ["METRICS_START_PORT"] raises
workers = int(environ.get("WEB_CONCURRENCY"))
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning django/metrics-env-default: Where WEB_CONCURRENCY is not set (tests, manage.py commands), os.environ.get("WEB_CONCURRENCY") returns None
