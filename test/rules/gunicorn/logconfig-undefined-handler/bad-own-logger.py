# A logger of the file names a handler that no section defines.
logconfig_dict = {
    "version": 1,
    "loggers": {
        "gunicorn.access": {"handlers": ["access_out"], "propagate": False},
#                                        ^^^^^^^^^^^^ error gunicorn/logconfig-undefined-handler: gunicorn fails to start: logger "gunicorn.access" uses handler "access_out", which is not among the handlers
    },
}
