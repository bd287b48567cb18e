import { isAlertmanager, webPort } from '../../compose/stack';
import { defineDocumentRule } from '../types';
import { EXAMPLE_STACK, STACK_FILES, stackDiscovery } from './discovery';

export default defineDocumentRule({
  id: 'alertmanager/discovery-port',
  severity: 'error',
  fix: 'sometimes',
  crossFile: STACK_FILES,
  docs: {
    exampleFile: 'prometheus.yml',
    otherFiles: EXAMPLE_STACK,
    summary: 'The `port` of an Alertmanager `dns_sd_configs` entry is the web port the discovered Alertmanagers listen on (9093, or their `--web.listen-address` port).',
    why: '`tasks.<alias>` resolves to the tasks\' own addresses on the overlay network, so Prometheus must use the container port. A published port (19093) or the cluster port (9094) is refused or answered by gossip, and no alert is delivered.',
    bad: "alerting:\n  alertmanagers:\n    - dns_sd_configs:\n        - names: ['tasks.alertmanager']\n          type: A\n          port: 19093\n",
    good: "alerting:\n  alertmanagers:\n    - dns_sd_configs:\n        - names: ['tasks.alertmanager']\n          type: A\n          port: 9093\n",
  },
  check({ doc, crossFileDocs, report }) {
    const discovery = stackDiscovery(doc, crossFileDocs);
    if (!discovery) return;
    const { dnsSd, names } = discovery;
    for (const entry of dnsSd) {
      const port = entry.port?.value;
      if (!entry.port || typeof port !== 'number') continue;
      for (const name of entry.names) {
        const resolved = names.resolve(name.value);
        const managers = resolved?.services.filter(isAlertmanager) ?? [];
        const wrong = managers.filter((s) => webPort(s) !== undefined && webPort(s) !== port);
        if (wrong.length === 0) continue;
        const expected = [...new Set(wrong.map((s) => webPort(s)!))];
        const published = wrong.some((s) => s.ports.some((p) => p.published === port));
        const why = published ? ` ${port} is a published port; tasks.* addresses reach the container port.` : port === 9094 ? ' 9094 is the cluster (gossip) port.' : '';
        report({
          at: { doc, span: entry.port.span },
          message: `Port ${port} is not where ${wrong.map((s) => `"${s.name}"`).join(', ')} listen${wrong.length > 1 ? '' : 's'}: the web port is ${expected.join(' / ')}.${why}`,
          related: wrong.map((s) => ({ at: { doc: s.doc, span: s.nameSpan }, message: `Alertmanager "${s.name}" (web port ${webPort(s)})` })),
          fixes: expected.length === 1 ? [{ title: `Use port ${expected[0]}`, safe: true, edits: [{ at: { doc, span: entry.port.span }, newText: String(expected[0]) }] }] : undefined,
        });
        break;
      }
    }
  },
});
