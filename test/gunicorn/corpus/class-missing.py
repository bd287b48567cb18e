# A handler without a class.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
    },
}
