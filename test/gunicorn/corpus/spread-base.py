# A config assembled from a module-level base with ** and dict().
BASE = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(message)s"}},
}

HANDLERS = dict(
    console={"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stdout"},
    error_console={"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stdout"},
)

logconfig_dict = {**BASE, "handlers": HANDLERS}
