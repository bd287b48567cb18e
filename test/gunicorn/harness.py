"""Differential harness: what real gunicorn does with a gunicorn.conf.py's logging.

For each file it starts a child Python process that loads the file the way
gunicorn does at start (``Application.load_config_from_file``, with gunicorn's
own validators), then builds gunicorn's ``glogging.Logger`` from that Config
(which merges ``logconfig_dict`` into ``CONFIG_DEFAULTS`` and calls
``dictConfig``). If that succeeds, the child logs one line through
``gunicorn.error`` (``Logger.info``) and one through ``gunicorn.access``
(``Logger.access`` with a fake request), each carrying a unique marker.

The parent counts the lines carrying each marker on the child's stdout and
stderr, leaving out the report that ``logging`` prints when a handler fails to
format a record ("--- Logging error ---", whose ``Message:`` and ``Arguments:``
lines repeat the marker).

Usage: python3 harness.py FILE...   prints a JSON object keyed by file name.
"""

import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

# Built at run time so that no source line shown in a traceback carries it.
MARK_PREFIX = "OBSCONF" + "-MARK-"


def child(path, status_path):
    status = {"started": False, "stage": "load", "error": None}

    def write():
        with open(status_path, "w") as out:
            json.dump(status, out)

    from gunicorn.app.base import Application

    class HarnessApp(Application):
        def init(self, parser, opts, args):
            return None

        def load(self):
            return None

        def load_config(self):
            # What `gunicorn -c FILE` does, without a command line of its own.
            self.load_config_from_file(path)

    try:
        app = HarnessApp()
    except SystemExit:
        status["error"] = "gunicorn rejected the config file"
        write()
        return
    status["stage"] = "logging"
    try:
        log = app.cfg.logger_class(app.cfg)
    except Exception as exc:  # gunicorn turns dictConfig errors into RuntimeError and exits
        status["error"] = "%s: %s" % (type(exc).__name__, exc)
        write()
        return
    status["started"] = True
    status["stage"] = "running"
    write()

    import datetime
    import types

    log.info(MARK_PREFIX + "error")
    resp = types.SimpleNamespace(status="200 OK", sent=2, headers=[], response_length=2)
    req = types.SimpleNamespace(headers=[])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/metrics",
        "PATH_INFO": "/metrics",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.1",
        "HTTP_USER_AGENT": MARK_PREFIX + "access",
    }
    log.access(resp, req, environ, datetime.timedelta(seconds=0))
    sys.stdout.flush()
    sys.stderr.flush()


def count(text, marker):
    """Lines carrying the marker, leaving out logging's own error reports."""
    n = 0
    for line in text.splitlines():
        if marker in line and not line.startswith(("Message: ", "Arguments: ")):
            n += 1
    return n


def run_one(path):
    fd, status_path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    env = {k: v for k, v in os.environ.items() if k not in ("GUNICORN_CMD_ARGS", "WEB_CONCURRENCY")}
    try:
        proc = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--child", path, status_path],
            capture_output=True,
            text=True,
            errors="replace",
            env=env,
            cwd=os.path.dirname(os.path.abspath(path)),
            timeout=60,
        )
        try:
            with open(status_path) as f:
                status = json.load(f)
        except (OSError, ValueError):
            status = {"started": False, "stage": "crash", "error": proc.stderr.strip().splitlines()[-1:] or ["no output"]}
    finally:
        os.unlink(status_path)
    result = {
        "started": status.get("started", False),
        "stage": status.get("stage"),
        "failure": status.get("error"),
        "logging_errors": proc.stderr.count("--- Logging error ---"),
    }
    for logger in ("error", "access"):
        marker = MARK_PREFIX + logger
        result[logger] = {"stdout": count(proc.stdout, marker), "stderr": count(proc.stderr, marker)}
    return result


def main(files):
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(files, pool.map(run_one, files)))
    json.dump({os.path.basename(f): r for f, r in results.items()}, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1:])
