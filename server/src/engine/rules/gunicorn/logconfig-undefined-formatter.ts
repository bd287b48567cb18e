import { defineFileRule } from '../types';
import { EXAMPLE_FILE, reportProblems } from './common';

export default defineFileRule({
  id: 'gunicorn/logconfig-undefined-formatter',
  severity: 'error',
  docs: {
    summary: 'A handler in logconfig_dict (or one of gunicorn\'s default handlers) names a formatter that does not exist after the merge with gunicorn\'s defaults.',
    why: 'dictConfig looks a handler\'s "formatter" up in the "formatters" section and raises "Unable to configure handler" when it is missing, so gunicorn exits at start. A "formatters" section replaces gunicorn\'s as a whole, so gunicorn\'s default handlers lose their "generic" formatter unless the handlers are overridden too.',
    exampleFile: EXAMPLE_FILE,
    bad: 'logconfig_dict = {\n    "version": 1,\n    "formatters": {"json": {"format": "%(message)s"}},\n    "handlers": {\n        "console": {"class": "logging.StreamHandler", "formatter": "json_formatter"},\n        "error_console": {"class": "logging.StreamHandler", "formatter": "json"},\n    },\n}\n',
    good: 'logconfig_dict = {\n    "version": 1,\n    "formatters": {"json": {"format": "%(message)s"}},\n    "handlers": {\n        "console": {"class": "logging.StreamHandler", "formatter": "json"},\n        "error_console": {"class": "logging.StreamHandler", "formatter": "json"},\n    },\n}\n',
  },
  check(context) {
    reportProblems(context, ['undefined-formatter']);
  },
});
