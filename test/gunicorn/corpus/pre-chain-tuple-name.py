# foreign_pre_chain from a module-level tuple built in two steps.
import structlog

base_chain = (structlog.stdlib.add_log_level,)
pre_chain = base_chain + (structlog.stdlib.add_logger_name,)

logconfig_dict = {
    "version": 1,
    "formatters": {
        "json": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.dev.ConsoleRenderer(colors=False),
            "foreign_pre_chain": pre_chain,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        "error_console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
    },
    "root": {"level": "WARNING", "handlers": []},
}
