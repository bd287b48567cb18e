import { runserverUse } from '../../django/runserver';
import { defineFileRule } from '../types';

export default defineFileRule({
  id: 'django/runserver-noreload',
  severity: 'hint',
  crossFile: { reads: (uri) => uri.endsWith('/manage.py') || uri === 'manage.py', subjects: (uri) => uri.endsWith('.py') },
  docs: {
    summary: 'The settings module manage.py uses by default (so also manage.py runserver) sets django-prometheus\' export port(s): runserver needs --noreload.',
    why: 'django-prometheus\' port exporter asserts that it does not run under Django\'s autoreloader ("The thread-based exporter can\'t be safely used when django\'s autoreloader is active … start django with --noreload"), because the reloader runs the project twice and both would bind the port. With PROMETHEUS_METRICS_EXPORT_PORT_RANGE (or _PORT) in the settings that manage.py runserver uses, start the development server with manage.py runserver --noreload, or keep the setting out of the development settings.',
    exampleFile: 'proj/settings.py',
    bad: 'PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(8001, 8005)\n',
    good: 'ROOT_URLCONF = "proj.urls"\n',
    otherFiles: {
      'manage.py': 'import os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
    },
  },
  check({ file, crossFiles, report }) {
    const use = runserverUse(file, crossFiles?.values() ?? []);
    if (!use) return;
    report({
      at: { uri: file.uri, range: use.source.range(use.setting.binding.target) },
      message: `${use.setting.name} is also read by manage.py runserver (${use.manageLabel} defaults DJANGO_SETTINGS_MODULE to ${use.module}): django-prometheus' exporter refuses to run under the autoreloader, so start the development server with "manage.py runserver --noreload", or use separate development settings.`,
      related: [{ at: { uri: use.manage.uri, range: use.manageSource.range(use.defaultSpan) }, message: `manage.py uses ${use.module}` }],
      data: { command: 'python manage.py runserver --noreload' },
    });
  },
});
