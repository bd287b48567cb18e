# No version: gunicorn's defaults supply version 1.
logconfig_dict = {
    "disable_existing_loggers": False,
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}
