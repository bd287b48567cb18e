# processor and processors together.
import structlog

logconfig_dict = {
    "version": 1,
    "formatters": {
        "json": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.processors.JSONRenderer(),
            "processors": [structlog.processors.JSONRenderer()],
#           ^^^^^^^^^^^^ error gunicorn/logconfig-processor-formatter: gunicorn fails to start: formatter "json" passes both "processor" and "processors" to structlog's
        },
    },
}
