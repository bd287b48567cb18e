import { duplicateFinding } from '../../gunicorn/duplicates';
import { defineFileRule } from '../types';
import { EXAMPLE_FILE, gunicornFile, reportAt } from './common';

export default defineFileRule({
  id: 'gunicorn/logconfig-duplicate-lines',
  severity: 'warning',
  fix: 'sometimes',
  docs: {
    summary: 'Every gunicorn.error or gunicorn.access line is printed twice on the same stream.',
    why: 'gunicorn\'s default gunicorn.error and gunicorn.access loggers propagate to the root logger. The common structlog recipe overrides "console" and "error_console" with StreamHandlers that both write to stderr, and root uses "console": each gunicorn line then goes out once through the gunicorn logger\'s handler and once more through root\'s, doubling log volume and every log-based count. Set "propagate": False on those loggers (the fix), or give root another handler.',
    exampleFile: EXAMPLE_FILE,
    bad: 'logconfig_dict = {\n    "version": 1,\n    "handlers": {\n        "console": {"class": "logging.StreamHandler"},\n        "error_console": {"class": "logging.StreamHandler"},\n    },\n}\n',
    good: 'logconfig_dict = {\n    "version": 1,\n    "handlers": {\n        "console": {"class": "logging.StreamHandler"},\n        "error_console": {"class": "logging.StreamHandler"},\n    },\n    "loggers": {\n        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},\n        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},\n    },\n}\n',
  },
  check(context) {
    const found = gunicornFile(context);
    if (!found || found.model.verdict === 'fails') return;
    const finding = duplicateFinding(found.config, found.model);
    const setting = found.config.setting('logconfig_dict');
    if (!finding || !setting) return;
    const related = finding.reports.flatMap((r) => r.emissions.filter((e) => e.definedAt).map((e) => ({ at: e.definedAt!, message: `handler "${e.handler}" writes ${r.logger} lines to ${r.stream}` })));
    reportAt(context, found.source, setting.at, {
      message: finding.message,
      relatedSpans: related,
      data: { loggers: finding.reports.map((r) => r.logger), stream: finding.reports[0].stream },
      fixes: finding.fix
        ? [
            {
              title: finding.fix.title,
              safe: true,
              edits: finding.fix.edits.map((e) => ({ at: { uri: context.file.uri, range: found.source.range({ from: e.from, to: e.to }) }, newText: e.newText })),
            },
          ]
        : undefined,
    });
  },
});
