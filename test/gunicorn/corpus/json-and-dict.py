# logconfig is ignored when logconfig_dict is set (the file named here does not even exist).
logconfig = "/etc/gunicorn/logging.ini"
logconfig_dict = {
    "version": 1,
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "propagate": False},
    },
}
