# A lowercase level, a format without fields and an argument StreamHandler does not take.
logconfig_dict = {
    "version": 1,
    "formatters": {"plain": {"format": "gunicorn says"}},
#                                      ^^^^^^^^^^^^^^^ error gunicorn/logconfig-invalid: gunicorn fails to start: formatter "plain": Invalid format 'gunicorn says' for '%' style.
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": "info"},
#                                                              ^^^^^^ error gunicorn/logconfig-invalid: gunicorn fails to start: handler "console" has unknown level "info" (level names are case-sensitive: use
        "error_console": {"class": "logging.StreamHandler", "filename": "/tmp/error.log"},
#                                                           ^^^^^^^^^^ error gunicorn/logconfig-invalid: gunicorn fails to start: logging.StreamHandler() got an unexpected keyword argument "filename" (handler
    },
}
