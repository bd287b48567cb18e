# dictConfig knows only version 1.
logconfig_dict = {"version": 2, "disable_existing_loggers": False}
#                            ^ error gunicorn/logconfig-invalid: gunicorn fails to start: dictConfig supports only version 1, not 2.
