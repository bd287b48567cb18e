# preload_app without per-worker export ports is fine.
preload_app = True
