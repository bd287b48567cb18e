import { defineFileRule } from '../types';
import { EXAMPLE_FILE, reportProblems } from './common';

export default defineFileRule({
  id: 'gunicorn/logconfig-undefined-handler',
  severity: 'error',
  docs: {
    summary: 'A logger in logconfig_dict (or one of gunicorn\'s default loggers) names a handler that does not exist after gunicorn merges logconfig_dict into its defaults.',
    why: 'gunicorn merges logconfig_dict into its own defaults shallowly: a "handlers" section replaces gunicorn\'s handlers as a whole, while gunicorn\'s default root, gunicorn.error and gunicorn.access loggers keep naming "console" and "error_console". dictConfig then raises "Unable to configure logger" and gunicorn exits at start. Define both handlers (the structlog recipe overrides exactly these two), or override "root" and "loggers" as well.',
    exampleFile: EXAMPLE_FILE,
    bad: 'logconfig_dict = {\n    "version": 1,\n    "handlers": {\n        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},\n    },\n}\n',
    good: 'logconfig_dict = {\n    "version": 1,\n    "handlers": {\n        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},\n        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},\n    },\n}\n',
  },
  check(context) {
    reportProblems(context, ['undefined-handler']);
  },
});
