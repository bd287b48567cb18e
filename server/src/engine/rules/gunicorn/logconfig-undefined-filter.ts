import { defineFileRule } from '../types';
import { EXAMPLE_FILE, reportProblems } from './common';

export default defineFileRule({
  id: 'gunicorn/logconfig-undefined-filter',
  severity: 'error',
  docs: {
    summary: 'A handler or logger in logconfig_dict names a filter that the "filters" section does not define.',
    why: 'dictConfig looks filters up by name and raises "Unable to add filter" when one is missing; gunicorn\'s defaults define no filters at all. gunicorn exits at start.',
    exampleFile: EXAMPLE_FILE,
    bad: 'logconfig_dict = {\n    "version": 1,\n    "loggers": {\n        "gunicorn.access": {"handlers": ["console"], "filters": ["no_health_checks"], "propagate": False},\n    },\n}\n',
    good: 'logconfig_dict = {\n    "version": 1,\n    "filters": {"no_health_checks": {"name": "gunicorn.access"}},\n    "loggers": {\n        "gunicorn.access": {"handlers": ["console"], "filters": ["no_health_checks"], "propagate": False},\n    },\n}\n',
  },
  check(context) {
    reportProblems(context, ['undefined-filter']);
  },
});
