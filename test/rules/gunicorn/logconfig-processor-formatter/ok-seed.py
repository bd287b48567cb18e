# The seed's ProcessorFormatter: one processor and a module-level pre_chain list.
import structlog

pre_chain = [structlog.stdlib.add_log_level, structlog.stdlib.add_logger_name]

logconfig_dict = {
    "version": 1,
    "formatters": {
        "json_formatter": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.processors.JSONRenderer(),
            "foreign_pre_chain": pre_chain,
        }
    },
}
