# A misspelt handler class.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.StreamHandlr", "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
    },
}
