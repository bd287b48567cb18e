import { defineFileRule } from '../types';
import { EXAMPLE_FILE, reportProblems } from './common';

export default defineFileRule({
  id: 'gunicorn/logconfig-processor-formatter',
  severity: 'error',
  docs: {
    summary: 'structlog\'s ProcessorFormatter, used through "()" in logconfig_dict, needs exactly one of "processor" / "processors", and its "foreign_pre_chain" must be a list of processors.',
    why: 'ProcessorFormatter raises TypeError when it gets both "processor" and "processors", or neither; dictConfig turns that into "Unable to configure formatter" and gunicorn exits at start. A "foreign_pre_chain" that is a single processor instead of a list lets gunicorn start, but formatting every gunicorn line then raises, and logging prints an error report instead of the line. Module-level names (pre_chain = [...]) are followed to their value.',
    exampleFile: EXAMPLE_FILE,
    bad: 'import structlog\n\nlogconfig_dict = {\n    "version": 1,\n    "formatters": {\n        "json": {\n            "()": structlog.stdlib.ProcessorFormatter,\n            "foreign_pre_chain": [structlog.stdlib.add_log_level],\n        },\n    },\n}\n',
    good: 'import structlog\n\nlogconfig_dict = {\n    "version": 1,\n    "formatters": {\n        "json": {\n            "()": structlog.stdlib.ProcessorFormatter,\n            "processor": structlog.processors.JSONRenderer(),\n            "foreign_pre_chain": [structlog.stdlib.add_log_level],\n        },\n    },\n}\n',
  },
  check(context) {
    reportProblems(context, ['processor-formatter']);
  },
});
