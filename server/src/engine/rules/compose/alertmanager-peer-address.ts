import { clusterOf } from '../../compose/cluster';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'compose/alertmanager-peer-address',
  severity: 'error',
  docs: {
    summary: 'Each `--cluster.peer` of an Alertmanager is `host:port`, with a numeric port.',
    why: 'Alertmanager splits every peer into host and port when it starts (Go\'s net.SplitHostPort) and exits with "split host/port for peer" when it cannot: the whole service stays down, not just the cluster.',
    bad: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_2'\n  alertmanager_2:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_1:9094'\n",
    good: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_2:9094'\n  alertmanager_2:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_1:9094'\n",
  },
  check({ doc, report }) {
    for (const peer of clusterOf(doc)?.peers ?? []) {
      if (!peer.addressProblem) continue;
      report({
        at: { doc, span: peer.span },
        message: `--cluster.peer "${peer.text}" ${peer.addressProblem}; Alertmanager refuses to start. Write host:port, e.g. tasks.alertmanager_2:9094.`,
      });
    }
  },
});
