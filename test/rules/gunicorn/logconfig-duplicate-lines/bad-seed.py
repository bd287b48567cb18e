# The seed's structlog recipe: both handlers write to stderr and root uses "console".
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
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "json_formatter",
        },
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json_formatter",
        }
    },
}
# @ 4:1-4:15 warning gunicorn/logconfig-duplicate-lines: Every gunicorn.error line is printed twice on stderr: by handler "error_console" of gunicorn.error and by
