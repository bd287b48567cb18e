# The settings manage.py uses export ports.
PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(8001, 8050)
# @ 2:1-2:37 hint django/runserver-noreload: PROMETHEUS_METRICS_EXPORT_PORT_RANGE is also read by manage.py runserver (manage.py defaults
