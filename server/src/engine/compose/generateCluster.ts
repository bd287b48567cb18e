import { Scalar, stringify } from 'yaml';
import { DEFAULT_CLUSTER_PORT, DEFAULT_WEB_PORT } from './roles';

export interface AlertmanagerClusterOptions {
  /** Number of Alertmanager services (one task each), 2 to 9. */
  instances: number;
  /** The Swarm node each instance is pinned to (node.hostname), one per instance. */
  nodes: string[];
  /** Web (API) port inside the containers; 9093 by default. */
  webPort?: number;
  /** Gossip port inside the containers; 9094 by default. */
  clusterPort?: number;
  /** Host port of instance 1's web UI; instance i publishes firstPublishedPort + i − 1. Omit to publish nothing. */
  firstPublishedPort?: number;
  /** The network alias all instances share, which `tasks.<alias>` resolves. */
  alias?: string;
  network?: string;
  image?: string;
}

export interface GeneratedText {
  name: string;
  text: string;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** A string written in double quotes: port mappings such as 19093:9093 read as base-60 numbers in YAML 1.1. */
export function quoted(text: string): Scalar {
  const scalar = new Scalar(text);
  scalar.type = 'QUOTE_DOUBLE';
  return scalar;
}

/** What is wrong with the options, or an empty list. */
export function clusterOptionProblems(options: AlertmanagerClusterOptions): string[] {
  const problems: string[] = [];
  const n = options.instances;
  if (!Number.isInteger(n) || n < 2 || n > 9) problems.push('A cluster has 2 to 9 instances.');
  if (options.nodes.length !== n) problems.push(`Give one node name per instance (${n} names, got ${options.nodes.length}).`);
  const bad = options.nodes.filter((node) => !NAME.test(node));
  if (bad.length) problems.push(`Not a node host name: ${bad.map((b) => JSON.stringify(b)).join(', ')}.`);
  if (new Set(options.nodes).size !== options.nodes.length) problems.push('Each instance needs its own node: two on one node are lost together.');
  for (const [label, port] of [['web port', options.webPort], ['cluster port', options.clusterPort], ['first published port', options.firstPublishedPort]] as const) {
    if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) problems.push(`The ${label} must be 1–65535.`);
  }
  if ((options.webPort ?? DEFAULT_WEB_PORT.alertmanager) === (options.clusterPort ?? DEFAULT_CLUSTER_PORT)) problems.push('The web and cluster ports must differ.');
  for (const [label, value] of [['alias', options.alias], ['network', options.network]] as const) {
    if (value !== undefined && !NAME.test(value)) problems.push(`The ${label} must be a name (letters, digits, "_", "-", ".").`);
  }
  return problems;
}

/**
 * The numbered-services layout for an Alertmanager cluster in Docker Swarm:
 * one service per instance, pinned to its own node, each listing the others as
 * `--cluster.peer=tasks.<service>:<cluster port>`, all sharing a network alias;
 * and the `alerting` block that makes Prometheus find them through
 * `tasks.<alias>`.
 */
export function generateAlertmanagerCluster(options: AlertmanagerClusterOptions): { files: GeneratedText[] } | { error: string } {
  const problems = clusterOptionProblems(options);
  if (problems.length) return { error: problems.join(' ') };
  const webPort = options.webPort ?? DEFAULT_WEB_PORT.alertmanager;
  const clusterPort = options.clusterPort ?? DEFAULT_CLUSTER_PORT;
  const alias = options.alias ?? 'alertmanager';
  const network = options.network ?? 'monitoring';
  const image = options.image ?? 'prom/alertmanager:v0.27.0';
  const names = Array.from({ length: options.instances }, (_, i) => `alertmanager_${i + 1}`);
  const services: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const command = ['--config.file=/etc/alertmanager/alertmanager.yml', '--storage.path=/alertmanager'];
    if (webPort !== DEFAULT_WEB_PORT.alertmanager) command.push(`--web.listen-address=:${webPort}`);
    if (clusterPort !== DEFAULT_CLUSTER_PORT) command.push(`--cluster.listen-address=0.0.0.0:${clusterPort}`);
    for (const peer of names) if (peer !== name) command.push(`--cluster.peer=tasks.${peer}:${clusterPort}`);
    const service: Record<string, unknown> = {
      image,
      command,
      configs: [{ source: 'alertmanager_config', target: '/etc/alertmanager/alertmanager.yml' }],
      volumes: ['alertmanager-data:/alertmanager'],
      networks: { [network]: { aliases: [alias] } },
      deploy: { replicas: 1, placement: { constraints: [`node.hostname == ${options.nodes[i]}`] } },
    };
    if (options.firstPublishedPort !== undefined) service.ports = [quoted(`${options.firstPublishedPort + i}:${webPort}`)];
    services[name] = service;
  });
  const compose = {
    version: '3.8',
    services,
    networks: { [network]: { driver: 'overlay', attachable: true } },
    volumes: { 'alertmanager-data': {} },
    configs: { alertmanager_config: { file: './alertmanager.yml' } },
  };
  const composeHeader =
    `# Alertmanager cluster for Docker Swarm (${options.instances} instances), generated by obsconf.\n` +
    `# Deploy with: docker stack deploy --compose-file docker-compose.alertmanager.yml <stack>\n` +
    `# Each instance runs on its own node and gossips with the others on port ${clusterPort}; Prometheus finds them all through tasks.${alias}.\n`;
  const alerting = {
    alerting: { alertmanagers: [{ dns_sd_configs: [{ names: [`tasks.${alias}`], type: 'A', port: webPort }] }] },
  };
  const alertingHeader =
    `# The alerting block for prometheus.yml: tasks.${alias} lists every Alertmanager task (A records; Swarm serves no SRV),\n` +
    `# on the web port inside the overlay network (${webPort}), so Prometheus sends each alert to all of them.\n`;
  const alertmanagerConfig =
    '# A starting alertmanager.yml, shared by every instance through the alertmanager_config Swarm config.\n' +
    '# The "default" receiver has no integration yet: add email_configs, slack_configs, webhook_configs, ….\n' +
    stringify({ route: { receiver: 'default', group_by: ['alertname'], group_wait: '30s', group_interval: '5m', repeat_interval: '4h' }, receivers: [{ name: 'default' }] }, { lineWidth: 0 });
  return {
    files: [
      { name: 'docker-compose.alertmanager.yml', text: composeHeader + stringify(compose, { lineWidth: 0, aliasDuplicateObjects: false }) },
      { name: 'prometheus-alerting.yml', text: alertingHeader + stringify(alerting, { lineWidth: 0 }) },
      { name: 'alertmanager.yml', text: alertmanagerConfig },
    ],
  };
}
