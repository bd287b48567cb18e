# incremental=True only adjusts existing handlers, and gunicorn's named handlers do not exist yet.
logconfig_dict = {
    "version": 1,
    "incremental": True,
}
