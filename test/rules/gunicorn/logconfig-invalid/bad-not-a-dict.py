# gunicorn refuses a logconfig_dict that is not a dict.
logconfig_dict = [("version", 1)]
# @ 2:1-2:15 error gunicorn/logconfig-invalid: gunicorn refuses the config file: logconfig_dict must be a dict, not [("version", 1)].
