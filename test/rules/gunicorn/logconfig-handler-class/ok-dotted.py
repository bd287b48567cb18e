# Dotted paths to handler classes of logging and logging.handlers.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.handlers.WatchedFileHandler", "filename": "/dev/null"},
    },
}
