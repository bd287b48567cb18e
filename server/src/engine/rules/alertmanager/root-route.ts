import { alertmanagerConfigOf } from '../../alertmanager/config';
import { findPair, spanOf } from '../../documents/yamlAccess';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'alertmanager/root-route',
  severity: 'error',
  docs: {
    summary: 'The root route names a default receiver and has no matchers, no `continue` and no time intervals.',
    why: 'The root route is the fallback that catches every alert. Alertmanager refuses a configuration whose root route has no receiver ("root route must specify a default receiver"), filters alerts with matchers, sets `continue`, or mutes by time interval.',
    bad: 'route:\n  matchers: [severity="critical"]\n  receiver: pager\nreceivers:\n  - name: pager\n',
    good: 'route:\n  receiver: pager\n  routes:\n    - matchers: [severity="critical"]\n      receiver: pager\nreceivers:\n  - name: pager\n',
  },
  check({ doc, report }) {
    const config = alertmanagerConfigOf(doc);
    const route = config?.route;
    if (!config || !route) return;
    const receiver = route.receiver?.value;
    if (receiver === undefined || receiver === null || receiver === '') {
      report({
        at: { doc, span: config.routeKeySpan ?? route.span },
        message: 'The root route has no receiver; Alertmanager requires a default receiver for alerts no child route takes ("root route must specify a default receiver").',
      });
    }
    const keys: [string, string][] = [
      ['matchers', 'matchers'],
      ['match', 'matchers'],
      ['match_re', 'matchers'],
      ['mute_time_intervals', 'mute time intervals'],
      ['active_time_intervals', 'active time intervals'],
    ];
    for (const [key, what] of keys) {
      const pair = findPair(route.node, key);
      const span = spanOf(pair?.key as never);
      if (!pair || !span) continue;
      const value = pair.value as { items?: unknown[] } | null;
      if (!value || (Array.isArray(value.items) && value.items.length === 0)) continue;
      report({
        at: { doc, span },
        message: `The root route may not have ${what} (it is the fallback for every alert); move "${key}" into a child route under routes.`,
      });
    }
    if (route.continueFlag?.value === true) {
      report({ at: { doc, span: route.continueFlag.span }, message: 'The root route cannot have continue: true; Alertmanager refuses the configuration.' });
    }
  },
});
