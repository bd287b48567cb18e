# A handler names a filter, and gunicorn's defaults define no filters.
logconfig_dict = {
    "version": 1,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_health_checks"]},
#                                                                 ^^^^^^^^^^^^^^^^^^ error gunicorn/logconfig-undefined-filter: gunicorn fails to start: handler "console" uses filter "no_health_checks", but no "filters" section defines
        "error_console": {"class": "logging.StreamHandler"},
    },
}
