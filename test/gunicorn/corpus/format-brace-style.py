# A {-style format (with an f-string building it from a module-level name).
APP = "shop"

logconfig_dict = {
    "version": 1,
    "formatters": {
        "generic": {"format": f"{APP} {{levelname}} {{message}}", "style": "{"},
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "propagate": False},
    },
}
