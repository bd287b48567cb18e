# The file's own loggers still propagate to a root logger on the same stream.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "gunicorn.access": {"handlers": ["console"], "propagate": True},
    },
}
# @ 2:1-2:15 warning gunicorn/logconfig-duplicate-lines: Every gunicorn.access line is printed twice on stdout: by handler "console" of gunicorn.access and by handler
