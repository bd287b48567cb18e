import { prometheusAlertingOf } from '../../alertmanager/prometheusAlerting';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'alertmanager/discovery-type',
  severity: 'error',
  docs: {
    summary: 'An Alertmanager `dns_sd_configs` entry for Swarm `tasks.` names asks for A (or AAAA) records and gives a `port`.',
    why: 'Prometheus asks for SRV records unless `type` says otherwise, and Docker\'s DNS answers `tasks.<name>` with A/AAAA records only, so the default finds nothing. With type A or AAAA, Prometheus refuses the configuration without a port ("a port is required in DNS-SD configs for all record types except SRV").',
    bad: "alerting:\n  alertmanagers:\n    - dns_sd_configs:\n        - names: ['tasks.alertmanager']\n",
    good: "alerting:\n  alertmanagers:\n    - dns_sd_configs:\n        - names: ['tasks.alertmanager']\n          type: A\n          port: 9093\n",
  },
  check({ doc, report }) {
    for (const entry of prometheusAlertingOf(doc)?.dnsSd ?? []) {
      const type = entry.type?.value;
      const typeText = typeof type === 'string' ? type.toUpperCase() : type === undefined || type === null ? 'SRV' : String(type);
      const swarm = entry.names.some((n) => n.value.startsWith('tasks.'));
      if (swarm && typeText === 'SRV') {
        report({
          at: { doc, span: entry.type?.span ?? entry.anchor },
          message: `${entry.type ? 'type SRV' : 'Without a type, Prometheus'} asks for SRV records, but Docker Swarm answers tasks.* names with A records only: no Alertmanager is found. Set type: A and the port.`,
        });
      }
      if ((typeText === 'A' || typeText === 'AAAA' || typeText === 'MX' || typeText === 'NS') && (entry.port === undefined || entry.port.value === null || entry.port.value === 0)) {
        report({
          at: { doc, span: entry.type?.span ?? entry.anchor },
          message: `type ${typeText} needs a port (Prometheus refuses the configuration: "a port is required in DNS-SD configs for all record types except SRV"); add port: 9093.`,
        });
      }
    }
  },
});
