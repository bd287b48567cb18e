import { alertmanagerConfigOf } from '../../alertmanager/config';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'alertmanager/receiver-duplicate',
  severity: 'error',
  docs: {
    summary: 'Receiver names and time interval names are unique.',
    why: 'Routes refer to receivers and time intervals by name, so Alertmanager refuses a configuration where two share one ("notification config name … is not unique", "time interval … is not unique").',
    bad: 'route:\n  receiver: team\nreceivers:\n  - name: team\n  - name: team\n',
    good: 'route:\n  receiver: team\nreceivers:\n  - name: team\n  - name: team-pager\n',
  },
  check({ doc, report }) {
    const config = alertmanagerConfigOf(doc);
    if (!config) return;
    const groups: { what: string; items: { name?: { value: unknown; span: { start: number; end: number } } }[] }[] = [
      { what: 'Receiver', items: config.receivers },
      { what: 'Time interval', items: config.timeIntervals },
    ];
    for (const { what, items } of groups) {
      const first = new Map<string, { start: number; end: number }>();
      for (const item of items) {
        const name = item.name;
        if (!name || name.value === null || name.value === '' || typeof name.value === 'object') continue;
        const key = String(name.value);
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, name.span);
          continue;
        }
        report({
          at: { doc, span: name.span },
          message: `${what} name "${key}" is already used; Alertmanager refuses the configuration. Rename one of them.`,
          related: [{ at: { doc, span: earlier }, message: 'first defined here' }],
        });
      }
    }
  },
});
