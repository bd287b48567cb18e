# gunicorn's validator only takes a dict.
logconfig_dict = [("version", 1)]
