import { ENV_DEFAULTS, envReadsWithoutDefault } from '../../django/envDefault';
import { pythonSource } from '../../python/source';
import { defineFileRule } from '../types';

export default defineFileRule({
  id: 'django/metrics-env-default',
  severity: 'warning',
  fix: 'always',
  docs: {
    summary: 'int(os.environ.get("METRICS_START_PORT")) (or WEB_CONCURRENCY) without a default, at import time.',
    why: 'The seed\'s settings read METRICS_START_PORT and WEB_CONCURRENCY with os.environ.get(…) and no default. Wherever the variable is not set — tests, manage.py commands, a developer\'s shell — get returns None, int(None) raises TypeError and the settings module cannot be imported at all. Give the read a default (the fix writes 8001, django-prometheus\' documented first port, or 1 for WEB_CONCURRENCY, gunicorn\'s own default).',
    exampleFile: 'settings.py',
    bad: 'import os\n\nstart_port = int(os.environ.get("METRICS_START_PORT"))\n',
    good: 'import os\n\nstart_port = int(os.environ.get("METRICS_START_PORT", "8001"))\n',
  },
  check({ file, report }) {
    const reads = envReadsWithoutDefault(file);
    if (reads.length === 0) return;
    const source = pythonSource(file);
    for (const read of reads) {
      const how = read.form === 'get' ? `os.environ.get("${read.variable}") returns None` : `os.environ["${read.variable}"] raises KeyError`;
      report({
        at: { uri: file.uri, range: source.range(read.int) },
        message: `Where ${read.variable} is not set (tests, manage.py commands), ${how}${read.form === 'get' ? ' and int(None) raises TypeError' : ''}: the module cannot be imported. Give it a default.`,
        data: { variable: read.variable },
        fixes: [
          {
            title: `Default ${read.variable} to ${ENV_DEFAULTS[read.variable]}`,
            safe: false,
            edits: [{ at: { uri: file.uri, range: source.range(read.edit) }, newText: read.edit.newText }],
          },
        ],
      });
    }
  },
});
