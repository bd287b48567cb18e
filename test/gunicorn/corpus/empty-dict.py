# An empty logconfig_dict is not used at all: gunicorn's own handlers stay.
bind = "0.0.0.0:8000"
logconfig_dict = {}
