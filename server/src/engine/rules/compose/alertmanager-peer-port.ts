import { clusterPort, isAlertmanager } from '../../compose/stack';
import { clusterOf } from '../../compose/cluster';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'compose/alertmanager-peer-port',
  severity: 'error',
  fix: 'sometimes',
  docs: {
    summary: 'A `--cluster.peer` port is the cluster port its targets listen on: 9094, or their `--cluster.listen-address` port.',
    why: 'Peers gossip on the cluster port, not on the web port (9093) nor on a published port. A wrong port makes every join attempt fail, and the instances notify each alert once each.',
    bad: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_2:9093'\n  alertmanager_2:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_1:9094'\n",
    good: "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_2:9094'\n  alertmanager_2:\n    image: prom/alertmanager\n    command:\n      - '--cluster.peer=tasks.alertmanager_1:9094'\n",
  },
  check({ doc, report }) {
    for (const peer of clusterOf(doc)?.peers ?? []) {
      if (!peer.targets || peer.port === undefined) continue;
      const wrong = peer.targets.filter((target) => isAlertmanager(target) && clusterPort(target) !== undefined && clusterPort(target) !== peer.port);
      if (wrong.length === 0) continue;
      const expected = [...new Set(wrong.map((t) => clusterPort(t)))];
      const fixable = expected.length === 1 && wrong.length === peer.targets.length;
      const portStart = peer.span.start + peer.text.lastIndexOf(':') + 1;
      const exact = peer.span.end - peer.span.start === peer.text.length;
      report({
        at: { doc, span: peer.span },
        message: `--cluster.peer "${peer.text}" uses port ${peer.port}, but ${wrong.map((t) => `"${t.name}"`).join(', ')} ${wrong.length > 1 ? 'listen' : 'listens'} for gossip on ${expected.join(' / ')}${peer.port === 9093 ? ' (9093 is the web port)' : ''}.`,
        related: wrong.map((t) => ({ at: { doc: t.doc, span: t.nameSpan }, message: `service "${t.name}" cluster port ${clusterPort(t)}` })),
        fixes: fixable && exact
          ? [{ title: `Use port ${expected[0]}`, safe: true, edits: [{ at: { doc, span: { start: portStart, end: peer.span.end } }, newText: String(expected[0]) }] }]
          : undefined,
      });
    }
  },
});
