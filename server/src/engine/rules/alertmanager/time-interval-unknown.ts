import { alertmanagerConfigOf, walkRoutes } from '../../alertmanager/config';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'alertmanager/time-interval-unknown',
  severity: 'error',
  docs: {
    summary: 'Every name in a route\'s `mute_time_intervals` and `active_time_intervals` is defined under `time_intervals` (or the older `mute_time_intervals`).',
    why: 'Alertmanager refuses a configuration whose routes name an undefined time interval ("undefined time interval … used in route").',
    bad: 'route:\n  receiver: team\n  routes:\n    - receiver: team\n      mute_time_intervals: [weekends]\nreceivers:\n  - name: team\n',
    good: 'route:\n  receiver: team\n  routes:\n    - receiver: team\n      mute_time_intervals: [weekends]\nreceivers:\n  - name: team\ntime_intervals:\n  - name: weekends\n    time_intervals:\n      - weekdays: [saturday, sunday]\n',
  },
  check({ doc, report }) {
    const config = alertmanagerConfigOf(doc);
    if (!config) return;
    const names = new Set(config.timeIntervals.map((t) => t.name?.value).filter((n) => n !== undefined && n !== null).map(String));
    for (const route of walkRoutes(config.route)) {
      for (const reference of [...route.muteTimeIntervals, ...route.activeTimeIntervals]) {
        if (reference.value === null || typeof reference.value === 'object') continue;
        const name = String(reference.value);
        if (names.has(name)) continue;
        report({
          at: { doc, span: reference.span },
          message: `Time interval "${name}" is not defined under time_intervals; Alertmanager refuses the configuration.`,
        });
      }
    }
  },
});
