import { defineFileRule } from '../types';
import { EXAMPLE_FILE, reportProblems } from './common';

export default defineFileRule({
  id: 'gunicorn/logconfig-invalid',
  severity: 'error',
  docs: {
    summary: 'logconfig_dict holds something dictConfig rejects: a version other than 1, an unknown level name, a format string or style logging.Formatter refuses, a handler argument its class does not take, a section that is not a dict, incremental mode, or a logconfig_dict that is not a dict at all.',
    why: 'gunicorn passes logconfig_dict (merged into its defaults) to logging.config.dictConfig when it starts; any error there becomes "Error: Unable to configure …" and gunicorn exits. Level names are case-sensitive ("INFO", not "info"), "%"-style formats need at least one %(name)s field, and handler keys are passed to the handler class as keyword arguments. A format field that no log record has lets gunicorn start but makes every line fail to format.',
    exampleFile: EXAMPLE_FILE,
    bad: 'logconfig_dict = {\n    "version": 1,\n    "handlers": {\n        "console": {"class": "logging.StreamHandler", "level": "info"},\n        "error_console": {"class": "logging.StreamHandler"},\n    },\n}\n',
    good: 'logconfig_dict = {\n    "version": 1,\n    "handlers": {\n        "console": {"class": "logging.StreamHandler", "level": "INFO"},\n        "error_console": {"class": "logging.StreamHandler"},\n    },\n}\n',
  },
  check(context) {
    reportProblems(context, ['invalid']);
  },
});
