# gunicorn.error writes through two handlers to stderr: printed twice without any propagation.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
        "also_stderr": {"class": "logging.StreamHandler"},
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["error_console", "also_stderr"], "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "propagate": False},
    },
}
