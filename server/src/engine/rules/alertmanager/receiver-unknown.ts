import { alertmanagerConfigOf, walkRoutes } from '../../alertmanager/config';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'alertmanager/receiver-unknown',
  severity: 'error',
  docs: {
    summary: 'Every route\'s `receiver` is the name of a receiver under `receivers`.',
    why: 'Alertmanager refuses a configuration whose routing tree names an undefined receiver ("undefined receiver … used in route"), so a typo in one child route keeps the whole new configuration from loading.',
    bad: 'route:\n  receiver: team\n  routes:\n    - matchers: [severity="critical"]\n      receiver: pager\nreceivers:\n  - name: team\n',
    good: 'route:\n  receiver: team\n  routes:\n    - matchers: [severity="critical"]\n      receiver: pager\nreceivers:\n  - name: team\n  - name: pager\n',
  },
  check({ doc, report }) {
    const config = alertmanagerConfigOf(doc);
    if (!config) return;
    const names = new Set(config.receivers.map((r) => r.name?.value).filter((n) => n !== undefined && n !== null).map(String));
    for (const route of walkRoutes(config.route)) {
      const receiver = route.receiver;
      if (!receiver || receiver.value === null || receiver.value === '' || typeof receiver.value === 'object') continue;
      const name = String(receiver.value);
      if (names.has(name)) continue;
      const defined = [...names];
      report({
        at: { doc, span: receiver.span },
        message: `Receiver "${name}" is not defined under receivers${defined.length ? ` (defined: ${defined.join(', ')})` : ''}; Alertmanager refuses the configuration.`,
      });
    }
  },
});
