# Replacing the formatters section drops "generic", which gunicorn's default handlers still use.
logconfig_dict = {
    "version": 1,
    "formatters": {
        "plain": {"format": "%(levelname)s %(message)s"},
    },
}
