# Reads with defaults, and a read inside a function (not at import time).
import os

start_port = int(os.environ.get("METRICS_START_PORT", "8001"))
workers = int(os.getenv("WEB_CONCURRENCY", "1"))


def port_of(worker):
    return int(os.environ["METRICS_START_PORT"]) + worker
