# A filter on the root handler lets only gunicorn.error through: access lines are not printed twice.
logconfig_dict = {
    "version": 1,
    "filters": {
        "errors_only": {"name": "gunicorn.error"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
        "root_out": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "filters": ["errors_only"]},
    },
    "root": {"level": "INFO", "handlers": ["root_out"]},
}
