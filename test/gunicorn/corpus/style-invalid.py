# An unknown formatter style.
logconfig_dict = {
    "version": 1,
    "formatters": {
        "generic": {"format": "%(message)s", "style": "%%"},
    },
}
