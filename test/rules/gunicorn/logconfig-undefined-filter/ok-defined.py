# The filter a logger names is defined.
logconfig_dict = {
    "version": 1,
    "filters": {"access_only": {"name": "gunicorn.access"}},
    "loggers": {
        "gunicorn.access": {"handlers": ["console"], "filters": ["access_only"], "propagate": False},
    },
}
