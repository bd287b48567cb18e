import { instanceCount } from '../../compose/model';
import { clusterOf } from '../../compose/cluster';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'compose/alertmanager-isolated',
  severity: 'warning',
  docs: {
    summary: 'When a stack runs two or more Alertmanager instances, every one lists a `--cluster.peer` that reaches another.',
    why: 'An instance without a peer of its own only joins if another instance finds it. When that instance is down or misconfigured, the lone instance forms its own cluster, and each alert is notified twice. The usual Swarm layout gives each numbered service the others\' `tasks.` names.',
    bad: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_2:9094'\n  alertmanager_2:\n    image: prom/alertmanager\n",
    good: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_2:9094'\n  alertmanager_2:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_1:9094'\n",
  },
  check({ doc, report }) {
    const cluster = clusterOf(doc);
    if (!cluster) return;
    const instances = cluster.alertmanagers.reduce((n, s) => n + instanceCount(s), 0);
    if (instances < 2) return;
    for (const service of cluster.alertmanagers) {
      if (instanceCount(service) === 0) continue;
      // A service whose flags cannot be read (a shell wraps the binary) is given the benefit of the doubt.
      if (!service.run.args) continue;
      // Peers that are listed but wrong are the peer rules' business; this one is about an instance listing none.
      if (cluster.peers.some((p) => p.service === service)) continue;
      report({
        at: { doc, span: service.nameSpan },
        message: `Alertmanager "${service.name}" has no --cluster.peer reaching another of the ${instances} instances in this stack; it may run as its own cluster and notify every alert again.`,
        related: cluster.alertmanagers.filter((s) => s !== service).map((s) => ({ at: { doc: s.doc, span: s.nameSpan }, message: `Alertmanager "${s.name}"` })),
      });
    }
  },
});
