import { defineFileRule } from '../types';
import { EXAMPLE_FILE, reportProblems } from './common';

export default defineFileRule({
  id: 'gunicorn/logconfig-handler-class',
  severity: 'error',
  docs: {
    summary: 'A handler in logconfig_dict has no "class", or a "class" that is not a dotted path to an existing handler class.',
    why: 'dictConfig imports the handler class from its dotted path string ("logging.StreamHandler"). A bare name ("StreamHandler") is imported as a module and fails, a misspelt name does not resolve, and a class object instead of a string fails on Python 3.11 and older (dictConfig calls split on it). Each makes dictConfig raise, and gunicorn exits at start.',
    exampleFile: EXAMPLE_FILE,
    bad: 'logconfig_dict = {\n    "version": 1,\n    "handlers": {\n        "console": {"class": "StreamHandler", "stream": "ext://sys.stdout"},\n        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},\n    },\n}\n',
    good: 'logconfig_dict = {\n    "version": 1,\n    "handlers": {\n        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},\n        "error_console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},\n    },\n}\n',
  },
  check(context) {
    reportProblems(context, ['handler-class']);
  },
});
