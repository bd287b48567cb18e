# logconfig is ignored while logconfig_dict is set.
logconfig = "/etc/gunicorn/logging.ini"
logconfig_dict = {"version": 1, "root": {"level": "INFO", "handlers": ["console"]}}
# @ 2:1-2:10 warning gunicorn/logconfig-precedence: logconfig is ignored: gunicorn uses logconfig_dict when it is set (logconfig_dict > logconfig_json >
