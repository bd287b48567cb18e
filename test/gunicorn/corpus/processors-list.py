# The newer processors= form of ProcessorFormatter, with the loggers fixed to not propagate.
import structlog
from structlog.stdlib import ProcessorFormatter

shared = [structlog.stdlib.add_log_level, structlog.processors.TimeStamper(fmt="iso")]

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": ProcessorFormatter,
            "processors": [ProcessorFormatter.remove_processors_meta, structlog.processors.JSONRenderer()],
            "foreign_pre_chain": shared,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}
