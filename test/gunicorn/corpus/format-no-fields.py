# A %-style format without any %(name)s field is rejected by logging.Formatter.
logconfig_dict = {
    "version": 1,
    "formatters": {
        "generic": {"format": "gunicorn says"},
    },
}
