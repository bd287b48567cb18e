# The seed's pattern with both handlers on stdout (a common variation): still printed twice.
import structlog

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json_formatter": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.processors.JSONRenderer(),
            "foreign_pre_chain": [structlog.stdlib.add_log_level],
        }
    },
    "handlers": {
        "error_console": {"class": "logging.StreamHandler", "formatter": "json_formatter", "stream": "ext://sys.stdout"},
        "console": {"class": "logging.StreamHandler", "formatter": "json_formatter", "stream": "ext://sys.stdout"},
    },
}
