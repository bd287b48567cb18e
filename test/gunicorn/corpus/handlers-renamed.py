# A handlers section with names of its own: neither console nor error_console exists after the merge.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
}
