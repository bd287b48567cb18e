# A FileHandler for everything: nothing reaches the terminal.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.FileHandler", "filename": "/dev/null"},
        "error_console": {"class": "logging.FileHandler", "filename": "/dev/null", "mode": "a"},
    },
}
