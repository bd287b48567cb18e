# accesslog = "-" without logconfig_dict: gunicorn's own handler prints access lines on stdout.
accesslog = "-"
errorlog = "-"
loglevel = "info"
