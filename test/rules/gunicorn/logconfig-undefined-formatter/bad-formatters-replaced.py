# Replacing "formatters" drops "generic", which gunicorn's default handlers still use.
logconfig_dict = {
    "version": 1,
    "formatters": {"plain": {"format": "%(levelname)s %(message)s"}},
#   ^^^^^^^^^^^^ error gunicorn/logconfig-undefined-formatter: gunicorn fails to start: "formatters" replaces gunicorn's whole formatters section (logconfig_dict is merged
}
