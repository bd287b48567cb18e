# preload_app with per-worker export ports in the settings.
workers = 4
preload_app = True
# @ 3:1-3:19 error gunicorn/preload-per-worker-ports: preload_app = True loads the Django app once in the gunicorn master and forks the workers from it, so
