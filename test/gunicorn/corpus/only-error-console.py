# Overrides only "error_console": root and gunicorn.access still name "console".
logconfig_dict = {
    "handlers": {
        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
    },
}
