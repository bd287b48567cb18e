# Levels, formats and handler arguments that dictConfig accepts.
import logging

logconfig_dict = {
    "version": 1,
    "formatters": {"brace": {"format": "{levelname} {message}", "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": logging.INFO, "formatter": "brace"},
        "error_console": {"class": "logging.StreamHandler", "level": "WARNING", "stream": "ext://sys.stderr"},
    },
}
