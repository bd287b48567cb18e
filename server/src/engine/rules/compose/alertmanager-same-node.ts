import { instanceCount, pinnedNode } from '../../compose/model';
import { clusterOf } from '../../compose/cluster';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'compose/alertmanager-same-node',
  severity: 'warning',
  docs: {
    summary: 'Alertmanager instances of one stack are not pinned to the same Swarm node.',
    why: 'A cluster exists for high availability. Placement constraints (`node.hostname == …` or `node.id == …`) that put two instances on one node lose them both when that node goes down.',
    bad: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.alertmanager_2:9094']\n    deploy:\n      placement:\n        constraints: [node.hostname == swarm-1]\n  alertmanager_2:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.alertmanager_1:9094']\n    deploy:\n      placement:\n        constraints: [node.hostname == swarm-1]\n",
    good: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.alertmanager_2:9094']\n    deploy:\n      placement:\n        constraints: [node.hostname == swarm-1]\n  alertmanager_2:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.alertmanager_1:9094']\n    deploy:\n      placement:\n        constraints: [node.hostname == swarm-2]\n",
  },
  check({ doc, report }) {
    const cluster = clusterOf(doc);
    if (!cluster) return;
    const seen = new Map<string, { name: string; span: { start: number; end: number } }>();
    for (const service of cluster.alertmanagers) {
      const node = pinnedNode(service);
      if (!node) continue;
      const where = node.value.replace('=', ' == ');
      if (instanceCount(service) > 1) {
        report({
          at: { doc, span: node.span },
          message: `All ${instanceCount(service)} replicas of Alertmanager "${service.name}" are pinned to node.${where}; losing that node loses them all. Use one service per node.`,
        });
      }
      const first = seen.get(node.value);
      if (first) {
        report({
          at: { doc, span: node.span },
          message: `Alertmanager "${service.name}" is pinned to node.${where}, like "${first.name}"; one node failure takes both down. Pin each instance to its own node.`,
          related: [{ at: { doc, span: first.span }, message: `"${first.name}" is pinned here` }],
        });
      } else seen.set(node.value, { name: service.name, span: node.span });
    }
  },
});
