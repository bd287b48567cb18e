# The seed's pattern, but the root logger writes nowhere: no line is printed twice.
import structlog

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json_formatter": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.processors.JSONRenderer(),
        }
    },
    "handlers": {
        "error_console": {"class": "logging.StreamHandler", "formatter": "json_formatter"},
        "console": {"class": "logging.StreamHandler", "formatter": "json_formatter"},
        "nowhere": {"class": "logging.NullHandler"},
    },
    "root": {"level": "INFO", "handlers": ["nowhere"]},
}
