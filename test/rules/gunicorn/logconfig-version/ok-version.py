# version is written out.
logconfig_dict = {"version": 1, "disable_existing_loggers": False}
