# No logging settings at all, only the usual server settings.
import multiprocessing

bind = "0.0.0.0:8000"
timeout = 30
max_requests = 1000
max_requests_jitter = 50
