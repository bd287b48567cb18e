# A handler class given as the class object instead of its dotted path.
import logging

logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": logging.StreamHandler, "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
    },
}
