import { clusterOf } from '../../compose/cluster';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'compose/alertmanager-peer-unknown',
  severity: 'error',
  docs: {
    summary: 'A `--cluster.peer` host names a service or a network alias of the same stack (`X` or Swarm\'s `tasks.X`).',
    why: 'Inside a stack, peers are found through Docker\'s DNS, which only knows the stack\'s service names and network aliases. A misspelt name never resolves: the instance keeps retrying and runs alone, so every alert is notified once per instance. Addresses (IPs) and dotted names outside the stack are not checked.',
    bad: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager-2:9094'\n  alertmanager_2:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_1:9094'\n",
    good: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_2:9094'\n  alertmanager_2:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_1:9094'\n",
  },
  check({ doc, report }) {
    const cluster = clusterOf(doc);
    if (!cluster) return;
    for (const peer of cluster.peers) {
      if (peer.addressProblem || peer.targets || peer.external || !peer.host) continue;
      const others = cluster.alertmanagers.filter((s) => s !== peer.service).map((s) => s.name);
      const hint = others.length ? ` Alertmanager services here: ${others.join(', ')}.` : '';
      report({
        at: { doc, span: peer.span },
        message: `--cluster.peer host "${peer.host}" is neither a service nor a network alias of this stack, so it never resolves.${hint}`,
        data: { host: peer.host },
      });
    }
  },
});
