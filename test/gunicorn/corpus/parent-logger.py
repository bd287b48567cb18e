# Configuring the parent "gunicorn" logger resets its children, which then propagate to it.
logconfig_dict = {
    "version": 1,
    "loggers": {
        "gunicorn": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}
