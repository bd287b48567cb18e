import type { YamlDoc } from '../../documents/yamlFile';
import { composeFileOf, ComposeFile, isComposeDocument } from '../../compose/model';
import { StackNames } from '../../compose/stack';
import { AlertmanagerDnsSd, hasAlertmanagerDiscovery, prometheusAlertingOf } from '../../alertmanager/prometheusAlerting';

/** The cross-file wiring of the discovery rules: prometheus.yml documents read the workspace's stack files. */
export const STACK_FILES = { reads: isComposeDocument, subjects: hasAlertmanagerDiscovery };

/**
 * What the discovery rules check: the Alertmanager `dns_sd_configs` of a
 * prometheus.yml document and the names of the stack files among the
 * documents the linter hands a cross-file rule. Undefined when the document
 * has no Alertmanager discovery or the workspace holds no stack file.
 */
export function stackDiscovery(doc: YamlDoc, crossFileDocs: ReadonlySet<YamlDoc> | undefined): { dnsSd: AlertmanagerDnsSd[]; names: StackNames } | undefined {
  const alerting = prometheusAlertingOf(doc);
  if (!alerting) return undefined;
  const files: ComposeFile[] = [];
  for (const other of crossFileDocs ?? []) {
    if (!other.alive) continue;
    const file = composeFileOf(other);
    if (file) files.push(file);
  }
  if (files.length === 0) return undefined;
  return { dnsSd: alerting.dnsSd, names: new StackNames(files) };
}

/** The stack file next to the discovery rules' docs examples: two Alertmanagers sharing the alias "alertmanager". */
export const EXAMPLE_STACK = {
  'docker-compose.yml':
    "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.alertmanager_2:9094']\n    ports: ['19093:9093']\n    networks:\n      monitoring:\n        aliases: [alertmanager]\n  alertmanager_2:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.alertmanager_1:9094']\n    ports: ['29093:9093']\n    networks:\n      monitoring:\n        aliases: [alertmanager]\nnetworks:\n  monitoring: {}\n",
};
