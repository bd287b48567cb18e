import { instanceCount } from '../../compose/model';
import { isAlertmanager } from '../../compose/stack';
import { clusterOf } from '../../compose/cluster';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'compose/alertmanager-peer-target',
  severity: 'error',
  docs: {
    summary: 'A `--cluster.peer` reaches other Alertmanager instances: not another kind of service, and not only the instance itself.',
    why: 'Gossip with a service that is not an Alertmanager fails, and a peer that resolves only to the instance itself joins nothing. Either way the instance runs alone and every alert is notified once per instance.',
    bad: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_1:9094'\n  alertmanager_2:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_1:9094'\n",
    good: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_2:9094'\n  alertmanager_2:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_1:9094'\n",
  },
  check({ doc, report }) {
    for (const peer of clusterOf(doc)?.peers ?? []) {
      if (!peer.targets || !peer.host) continue;
      const strangers = peer.targets.filter((target) => !isAlertmanager(target));
      if (strangers.length > 0) {
        report({
          at: { doc, span: peer.span },
          message: `--cluster.peer "${peer.host}" reaches ${strangers.map((s) => `"${s.name}"`).join(', ')}, which ${strangers.length > 1 ? 'are not Alertmanagers' : 'is not an Alertmanager'}; gossip with ${strangers.length > 1 ? 'them' : 'it'} fails.`,
          related: strangers.map((s) => ({ at: { doc: s.doc, span: s.nameSpan }, message: `service "${s.name}"` })),
        });
        continue;
      }
      const onlySelf = peer.targets.every((target) => target === peer.service) && instanceCount(peer.service) <= 1;
      if (onlySelf) {
        report({
          at: { doc, span: peer.span },
          message: `--cluster.peer "${peer.host}" resolves only to service "${peer.service.name}" itself; point it at another Alertmanager service (or a shared alias) so that this instance joins the cluster.`,
        });
      }
    }
  },
});
