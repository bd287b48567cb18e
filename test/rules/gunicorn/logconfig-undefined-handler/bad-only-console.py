# Only "console" is overridden; the default gunicorn.error logger still names "error_console".
logconfig_dict = {
    "version": 1,
    "handlers": {
#   ^^^^^^^^^^ error gunicorn/logconfig-undefined-handler: gunicorn fails to start: "handlers" replaces gunicorn's whole handlers section (logconfig_dict is merged
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
    },
}
