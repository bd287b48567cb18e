import { alertmanagerConfigOf, walkRoutes } from '../../alertmanager/config';
import { getScalar } from '../../documents/yamlAccess';
import type { Located } from '../../documents/yamlAccess';
import { parsePrometheusDuration } from '../../prometheus/duration';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'alertmanager/duration',
  severity: 'error',
  docs: {
    summary: '`group_wait`, `group_interval`, `repeat_interval` and `resolve_timeout` are Prometheus durations (30s, 5m, 4h, 1d), and the intervals are not zero.',
    why: 'Alertmanager refuses a configuration with a malformed duration ("not a valid duration string") or a zero group_interval or repeat_interval, which would notify in a loop.',
    bad: 'route:\n  receiver: team\n  group_wait: 30 s\n  repeat_interval: 0s\nreceivers:\n  - name: team\n',
    good: 'route:\n  receiver: team\n  group_wait: 30s\n  repeat_interval: 4h\nreceivers:\n  - name: team\n',
  },
  check({ doc, report }) {
    const config = alertmanagerConfigOf(doc);
    if (!config) return;
    const check = (key: string, located: Located<unknown>, zeroAllowed: boolean) => {
      const value = located.value;
      if (value === null) return;
      const text = typeof value === 'object' ? undefined : String(value);
      const ms = text === undefined ? undefined : parsePrometheusDuration(text);
      if (ms === undefined) {
        report({ at: { doc, span: located.span }, message: `${key} ${text === undefined ? 'is not a scalar' : JSON.stringify(text)} is not a valid duration; write a number with units, largest first, such as 30s, 5m or 1h30m.` });
      } else if (ms === 0 && !zeroAllowed) {
        report({ at: { doc, span: located.span }, message: `${key} cannot be zero; Alertmanager refuses the configuration.` });
      }
    };
    for (const route of walkRoutes(config.route)) {
      for (const { key, value } of route.durations) check(key, value, key === 'group_wait');
    }
    const resolve = getScalar(doc.parsed, config.global, 'resolve_timeout');
    if (resolve) check('resolve_timeout', resolve, true);
  },
});
