# pre_chain is a single processor, not a list; the name is followed to its value.
import structlog

pre_chain = structlog.stdlib.add_log_level

logconfig_dict = {
    "version": 1,
    "formatters": {
        "json": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.processors.JSONRenderer(),
            "foreign_pre_chain": pre_chain,
#                                ^^^^^^^^^ error gunicorn/logconfig-processor-formatter: "foreign_pre_chain" of formatter "json" must be a list of processors, not the single processor
        },
    },
}
