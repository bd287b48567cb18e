# A handler names a formatter the formatters section does not define.
logconfig_dict = {
    "version": 1,
    "formatters": {
        "json": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json_formatter", "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
    },
}
