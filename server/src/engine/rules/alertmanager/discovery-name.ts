import { isAlertmanager } from '../../compose/stack';
import { defineDocumentRule } from '../types';
import { EXAMPLE_STACK, STACK_FILES, stackDiscovery } from './discovery';

export default defineDocumentRule({
  id: 'alertmanager/discovery-name',
  severity: 'error',
  fix: 'sometimes',
  crossFile: STACK_FILES,
  docs: {
    exampleFile: 'prometheus.yml',
    otherFiles: EXAMPLE_STACK,
    summary: 'A `tasks.<name>` in prometheus.yml\'s `alerting.alertmanagers[].dns_sd_configs` names a network alias or service of a stack file in the workspace, and it reaches Alertmanagers.',
    why: 'Prometheus finds the Alertmanagers of a Swarm stack through Docker\'s DNS: `tasks.<alias>` lists the tasks of every service with that alias. A name no stack declares resolves to nothing, and Prometheus silently sends no alerts at all. Checked only when the workspace holds at least one stack file.',
    bad: "alerting:\n  alertmanagers:\n    - dns_sd_configs:\n        - names: ['tasks.alertmanagers']\n          type: A\n          port: 9093\n",
    good: "alerting:\n  alertmanagers:\n    - dns_sd_configs:\n        - names: ['tasks.alertmanager']\n          type: A\n          port: 9093\n",
  },
  check({ doc, crossFileDocs, report }) {
    const discovery = stackDiscovery(doc, crossFileDocs);
    if (!discovery) return;
    const { dnsSd, names } = discovery;
    for (const entry of dnsSd) {
      for (const name of entry.names) {
        if (!name.value.startsWith('tasks.')) continue;
        const resolved = names.resolve(name.value);
        if (!resolved) {
          const known = names.alertmanagerNames();
          report({
            at: { doc, span: name.span },
            message: `"${name.value}" matches no service or network alias in the workspace's stack files, so Prometheus discovers no Alertmanager.${known.length ? ` Alertmanager names there: ${known.map((n) => `tasks.${n}`).join(', ')}.` : ''}`,
            data: { candidates: known.map((n) => `tasks.${n}`) },
            fixes: known.length === 1 ? [{ title: `Use tasks.${known[0]}`, safe: false, edits: [{ at: { doc, span: name.span }, newText: `tasks.${known[0]}` }] }] : undefined,
          });
          continue;
        }
        const strangers = resolved.services.filter((s) => !isAlertmanager(s));
        if (strangers.length === 0) continue;
        report({
          at: { doc, span: name.span },
          message: `"${name.value}" reaches ${strangers.map((s) => `"${s.name}"`).join(', ')}, which ${strangers.length > 1 ? 'are not Alertmanagers' : 'is not an Alertmanager'}; Prometheus would send alerts there.`,
          related: strangers.map((s) => ({ at: { doc: s.doc, span: s.nameSpan }, message: `service "${s.name}"` })),
        });
      }
    }
  },
});
