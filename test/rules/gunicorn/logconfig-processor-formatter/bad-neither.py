# Neither processor nor processors.
from structlog.stdlib import ProcessorFormatter

logconfig_dict = {
    "version": 1,
    "formatters": {
        "json": {"()": ProcessorFormatter},
#                ^^^^ error gunicorn/logconfig-processor-formatter: gunicorn fails to start: formatter "json" uses structlog's ProcessorFormatter without "processor" or
    },
}
