import { instanceCount } from '../../compose/model';
import { isAlertmanager } from '../../compose/stack';
import { defineDocumentRule } from '../types';
import { EXAMPLE_STACK, STACK_FILES, stackDiscovery } from './discovery';

export default defineDocumentRule({
  id: 'alertmanager/discovery-vip',
  severity: 'warning',
  fix: 'always',
  crossFile: STACK_FILES,
  docs: {
    exampleFile: 'prometheus.yml',
    otherFiles: EXAMPLE_STACK,
    summary: 'Prometheus discovers Swarm Alertmanagers through `tasks.<alias>`, not through the alias\'s virtual IP.',
    why: 'A service name or alias resolves to the service\'s virtual IP, which load-balances: each alert reaches one Alertmanager instance, so deduplication, silences and inhibitions across the cluster stop working. `tasks.<alias>` lists every instance, and Prometheus sends each alert to all of them.',
    bad: "alerting:\n  alertmanagers:\n    - dns_sd_configs:\n        - names: ['alertmanager']\n          type: A\n          port: 9093\n",
    good: "alerting:\n  alertmanagers:\n    - dns_sd_configs:\n        - names: ['tasks.alertmanager']\n          type: A\n          port: 9093\n",
  },
  check({ doc, crossFileDocs, report }) {
    const discovery = stackDiscovery(doc, crossFileDocs);
    if (!discovery) return;
    const { dnsSd, names } = discovery;
    for (const entry of dnsSd) {
      for (const name of entry.names) {
        if (name.value.startsWith('tasks.')) continue;
        const managers = names.resolve(name.value)?.services.filter(isAlertmanager) ?? [];
        const instances = managers.reduce((n, s) => n + instanceCount(s), 0);
        if (instances < 2) continue;
        report({
          at: { doc, span: name.span },
          message: `"${name.value}" resolves to virtual IPs that load-balance across ${instances} Alertmanager instances, so each alert reaches only one of them. Use "tasks.${name.value}" to send to all.`,
          fixes: [{ title: `Use tasks.${name.value}`, safe: true, edits: [{ at: { doc, span: name.span }, newText: `tasks.${name.value}` }] }],
        });
      }
    }
  },
});
