import { composeFileOf, namesOf } from '../../compose/model';
import { isAlertmanager, StackNames } from '../../compose/stack';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'compose/alertmanager-alias-shared',
  severity: 'error',
  docs: {
    summary: 'A network alias (or service name) that reaches an Alertmanager reaches only Alertmanagers.',
    why: 'The alias that joins the numbered Alertmanager services is what `--cluster.peer` and Prometheus\' `tasks.<alias>` discovery resolve. Another service answering to it receives gossip and alerts it cannot handle: Prometheus logs failed notifications and peers fail to join.',
    bad: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    networks:\n      monitoring:\n        aliases: [alertmanager]\n  karma:\n    image: ghcr.io/prymitive/karma\n    networks:\n      monitoring:\n        aliases: [alertmanager]\nnetworks:\n  monitoring: {}\n",
    good: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    networks:\n      monitoring:\n        aliases: [alertmanager]\n  karma:\n    image: ghcr.io/prymitive/karma\n    networks:\n      monitoring:\n        aliases: [karma]\nnetworks:\n  monitoring: {}\n",
  },
  check({ doc, report }) {
    const file = composeFileOf(doc);
    if (!file || !file.services.some(isAlertmanager)) return;
    for (const [name, services] of new StackNames([file]).entries()) {
      const all = [...services];
      const managers = all.filter(isAlertmanager);
      if (managers.length === 0 || managers.length === all.length) continue;
      for (const other of all.filter((s) => !isAlertmanager(s))) {
        const at = namesOf(other).find((n) => n.value === name);
        if (!at) continue;
        report({
          at: { doc, span: at.span },
          message: `"${name}" also reaches Alertmanager service${managers.length > 1 ? 's' : ''} ${managers.map((s) => `"${s.name}"`).join(', ')}, but "${other.name}" is not an Alertmanager: peers and Prometheus resolving "${name}" would reach it too. Give it another alias.`,
          related: managers.map((s) => ({ at: { doc: s.doc, span: namesOf(s).find((n) => n.value === name)?.span ?? s.nameSpan }, message: `Alertmanager "${s.name}"` })),
        });
      }
    }
  },
});
