# A logger names a filter, but no filters section exists (gunicorn's defaults have none).
logconfig_dict = {
    "version": 1,
    "loggers": {
        "gunicorn.error": {"handlers": ["error_console"], "filters": ["no_health_checks"], "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "propagate": False},
    },
}
