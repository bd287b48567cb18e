import type { YamlDoc } from '../../documents/yamlFile';
import { composeFileOf, ComposeFile, isComposeDocument } from '../../compose/model';
import { StackNames } from '../../compose/stack';
import { hasAlertmanagerDiscovery } from '../../alertmanager/prometheusAlerting';

/** The cross-file wiring of the discovery rules: prometheus.yml documents read the workspace's stack files. */
export const STACK_FILES = { reads: isComposeDocument, subjects: hasAlertmanagerDiscovery };

/** The stack files among the documents the linter hands a cross-file rule, and their names. */
export function workspaceStacks(docs: ReadonlySet<YamlDoc> | undefined): { files: ComposeFile[]; names: StackNames } {
  const files: ComposeFile[] = [];
  for (const doc of docs ?? []) {
    if (!doc.alive) continue;
    const file = composeFileOf(doc);
    if (file) files.push(file);
  }
  return { files, names: new StackNames(files) };
}

/** The stack file next to the discovery rules' docs examples: two Alertmanagers sharing the alias "alertmanager". */
export const EXAMPLE_STACK = {
  'docker-compose.yml':
    "services:\n  alertmanager_1:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.alertmanager_2:9094']\n    ports: ['19093:9093']\n    networks:\n      monitoring:\n        aliases: [alertmanager]\n  alertmanager_2:\n    image: prom/alertmanager\n    command: ['--cluster.peer=tasks.alertmanager_1:9094']\n    ports: ['29093:9093']\n    networks:\n      monitoring:\n        aliases: [alertmanager]\nnetworks:\n  monitoring: {}\n",
};
