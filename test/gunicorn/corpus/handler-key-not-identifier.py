# Handler keys become keyword arguments and must be Python identifiers.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "max-bytes": 10},
        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
    },
}
