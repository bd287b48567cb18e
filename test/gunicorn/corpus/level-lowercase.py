# Level names are case-sensitive in dictConfig.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "level": "info"},
        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
    },
}
