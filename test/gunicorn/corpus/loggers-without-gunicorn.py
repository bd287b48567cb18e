# A loggers section that does not mention gunicorn's loggers: they keep gunicorn's own setup.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "loggers": {
        "django": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}
