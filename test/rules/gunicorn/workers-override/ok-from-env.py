# The worker count follows WEB_CONCURRENCY.
import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", 2))
