# Overrides only "console": the default gunicorn.error logger still names "error_console".
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
    },
}
