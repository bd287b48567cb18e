# disable_existing_loggers=True with a loggers section that leaves gunicorn's loggers out: they fall silent.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": True,
    "loggers": {
        "django": {"level": "INFO", "handlers": ["console"]},
    },
}
