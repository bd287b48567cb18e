# The dict is completed by item assignments further down the module.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},
    },
}
logconfig_dict["handlers"]["error_console"] = {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"}
logconfig_dict["loggers"] = {
    "gunicorn.error": {"handlers": ["error_console"], "propagate": False},
    "gunicorn.access": {"handlers": ["console"], "propagate": False},
}
