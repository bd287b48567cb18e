# A fixed worker count in the config file.
bind = "0.0.0.0:8000"
workers = 4
# @ 3:1-3:12 warning gunicorn/workers-override: workers = 4 overrides WEB_CONCURRENCY: gunicorn uses WEB_CONCURRENCY only when workers is not set, so metrics
