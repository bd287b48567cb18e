# Only the formatter is replaced: gunicorn's default loggers propagate, so access lines reach "console" twice.
logconfig_dict = {
    "version": 1,
    "formatters": {
        "generic": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
}
