# Only version 1 of the dictConfig schema exists.
logconfig_dict = {
    "version": 2,
    "disable_existing_loggers": False,
}
