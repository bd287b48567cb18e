# Only logconfig_dict.
logconfig_dict = {"version": 1, "root": {"level": "INFO", "handlers": ["console"]}}
