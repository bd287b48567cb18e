import { registrationProblems } from '../../collectors/registration';
import { pythonSource } from '../../python/source';
import { defineFileRule } from '../types';
import { reportProblems } from './common';

export default defineFileRule({
  id: 'collectors/register-at-import',
  severity: 'hint',
  docs: {
    summary: 'A collector is registered with the default REGISTRY at import time (module level, or AppConfig.ready()) instead of once after the database is ready.',
    why: 'The default registry calls collect() as soon as a collector is registered, to learn its metric names. A collector that reads Django models then queries the database during imports and startup — migrations, tests and every manage.py command included — and a module imported twice registers it twice. Register it once, from a connection_created signal handler guarded by a flag.',
    exampleFile: 'apps.py',
    bad: "from prometheus_client import REGISTRY\nfrom .monitoring import ComponentCollector\n\nREGISTRY.register(ComponentCollector())\n",
    good: "from django.apps import AppConfig\nfrom django.db.backends.signals import connection_created\nfrom prometheus_client import REGISTRY\n\nregistered = False\n\n\ndef on_connection(sender, connection, **kwargs):\n    global registered\n    if not registered:\n        from .monitoring import ComponentCollector\n        REGISTRY.register(ComponentCollector())\n        registered = True\n\n\nclass SlaConfig(AppConfig):\n    name = 'sla'\n\n    def ready(self):\n        connection_created.connect(on_connection)\n",
  },
  check(context) {
    if (context.file.kind !== 'python' || !context.file.text.includes('register')) return;
    const source = pythonSource(context.file);
    const isApps = /(^|\/)apps\.py$/.test(context.file.uri);
    reportProblems(context, source, registrationProblems(source.module.body, isApps));
  },
});
