# A handler class that is not a dotted path.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "StreamHandler", "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
    },
}
