# gunicorn.error has two handlers on stderr: printed twice without propagation, so there is no fix.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler"},
        "also_stderr": {"class": "logging.StreamHandler"},
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["error_console", "also_stderr"], "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "propagate": False},
    },
}
# @ 2:1-2:15 warning gunicorn/logconfig-duplicate-lines: Every gunicorn.error line is printed twice on stderr: by handler "error_console" of gunicorn.error and by
