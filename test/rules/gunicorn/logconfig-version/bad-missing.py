# No version: fine under gunicorn, rejected by dictConfig anywhere else.
logconfig_dict = {"disable_existing_loggers": False}
# @ 2:1-2:15 hint gunicorn/logconfig-version: logconfig_dict has no "version"; gunicorn's defaults supply version 1, but dictConfig outside gunicorn
