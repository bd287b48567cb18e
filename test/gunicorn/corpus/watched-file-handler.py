# Handlers from logging.handlers; access lines go to a file only.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.handlers.WatchedFileHandler", "filename": "/dev/null"},
        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "level": "INFO"},
    },
    "root": {"level": "INFO", "handlers": []},
}
