# A handler names "json_formatter", but the formatter is called "json".
logconfig_dict = {
    "version": 1,
    "formatters": {"json": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json_formatter"},
#                                                                  ^^^^^^^^^^^^^^^^ error gunicorn/logconfig-undefined-formatter: gunicorn fails to start: handler "console" uses formatter "json_formatter", which is not among the formatters
        "error_console": {"class": "logging.StreamHandler", "formatter": "json"},
    },
}
