import { findSetting, PORT, RANGE, settingValue } from '../../django/settings';
import { pyTruthy } from '../../python/dictEval';
import { defineFileRule } from '../types';

export default defineFileRule({
  id: 'django/export-port-both',
  severity: 'hint',
  docs: {
    summary: 'A settings module sets both PROMETHEUS_METRICS_EXPORT_PORT and PROMETHEUS_METRICS_EXPORT_PORT_RANGE; the range wins.',
    why: 'django-prometheus uses PROMETHEUS_METRICS_EXPORT_PORT_RANGE when it is set and ignores PROMETHEUS_METRICS_EXPORT_PORT; the single port is dead configuration that suggests a port nobody listens on.',
    exampleFile: 'settings.py',
    bad: 'PROMETHEUS_METRICS_EXPORT_PORT = 8001\nPROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(8001, 8005)\n',
    good: 'PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(8001, 8005)\n',
  },
  check({ file, report }) {
    if (file.kind !== 'python' || !file.text.includes(RANGE) || !/PROMETHEUS_METRICS_EXPORT_PORT\s*[:=]/.test(file.text)) return;
    const range = findSetting(file, RANGE);
    const port = findSetting(file, PORT);
    if (!range || !port || range.source.inError(port.binding.stmt)) return;
    // A range of None (or empty) is not used, and then the single port is.
    if (pyTruthy(settingValue(range)) === false) return;
    report({
      at: { uri: file.uri, range: port.source.range(port.binding.stmt) },
      message: `PROMETHEUS_METRICS_EXPORT_PORT is ignored: django-prometheus uses PROMETHEUS_METRICS_EXPORT_PORT_RANGE when it is set. Remove one of them.`,
      related: [{ at: { uri: file.uri, range: range.source.range(range.binding.stmt) }, message: 'the range wins' }],
    });
  },
});
