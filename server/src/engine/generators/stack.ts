import { Document } from 'yaml';
import { ianaSvcNameProblems, dns1123LabelProblems } from '../rules/kubernetes/names';
import { parsePrometheusDuration } from '../prometheus/duration';
import { portNameFor, START_PORT_ENV, WORKERS_ENV } from '../rules/wiring/analysis';

/** The answers of "obsconf: New Django metrics stack". */
export interface StackOptions {
  appName: string;
  namespace: string;
  image: string;
  httpPort: number;
  workers: number;
  startPort: number;
  scrapeInterval: string;
  layout: 'single' | 'split';
  /** Name of worker i's port (`{i}` is the number); default metrics-{i}. */
  portNamePattern?: string;
}

export interface GeneratedFile {
  name: string;
  text: string;
}

/** A Service name is an RFC 1035 label: it must start with a letter. */
function dns1035LabelProblems(name: string): string[] {
  const problems = dns1123LabelProblems(name);
  if (/^[0-9]/.test(name)) problems.push('must start with a letter');
  return problems;
}

const isPort = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;

/** Everything wrong with the answers, as sentences; empty when the stack can be generated. */
export function stackProblems(o: StackOptions): string[] {
  const problems: string[] = [];
  const name = dns1035LabelProblems(o.appName);
  if (name.length) problems.push(`App name "${o.appName}" ${name.join(', ')} (it names the Deployment, the Service and the ServiceMonitor).`);
  const ns = dns1123LabelProblems(o.namespace);
  if (ns.length) problems.push(`Namespace "${o.namespace}" ${ns.join(', ')}.`);
  if (!o.image || /\s/.test(o.image)) problems.push('The image must be a non-empty reference without spaces, such as mycompany/app:v0.1.0.');
  if (!isPort(o.httpPort)) problems.push('The HTTP port must be a whole number from 1 to 65535.');
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > 1000) problems.push('The worker count must be a whole number from 1 to 1000.');
  if (!isPort(o.startPort)) problems.push('The metrics start port must be a whole number from 1 to 65535.');
  else if (Number.isInteger(o.workers) && o.startPort + o.workers - 1 > 65535) problems.push(`Ports ${o.startPort}..${o.startPort + o.workers - 1} go past 65535.`);
  else if (o.httpPort >= o.startPort && o.httpPort < o.startPort + o.workers) problems.push(`The HTTP port ${o.httpPort} falls inside the metrics ports ${o.startPort}..${o.startPort + o.workers - 1}.`);
  const interval = parsePrometheusDuration(o.scrapeInterval);
  if (interval === undefined || interval === 0) problems.push(`Scrape interval "${o.scrapeInterval}" is not a Prometheus duration such as 15s or 1m.`);
  const pattern = o.portNamePattern ?? 'metrics-{i}';
  if (!pattern.includes('{i}')) problems.push('The port name pattern must contain {i}.');
  else if (Number.isInteger(o.workers) && o.workers >= 1) {
    const longest = portNameFor(pattern, o.workers);
    const bad = ianaSvcNameProblems(longest);
    if (bad.length) problems.push(`Port name "${longest}" ${bad.join(', ')}.`);
  }
  return problems;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/**
 * Deployment + Service + ServiceMonitor for a Django app under gunicorn
 * with one metrics port per worker, all three in step: the seed's layout,
 * generated for any N. Throws on invalid options (check stackProblems first).
 */
export function generateStack(o: StackOptions): GeneratedFile[] {
  const problems = stackProblems(o);
  if (problems.length) throw new Error(problems.join(' '));
  const pattern = o.portNamePattern ?? 'metrics-{i}';
  const labels = { 'app.kubernetes.io/name': o.appName, 'app.kubernetes.io/instance': o.appName };
  const workers = range(o.workers);
  const metadata = { name: o.appName, namespace: o.namespace, labels };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'django',
              image: o.image,
              env: [
                { name: WORKERS_ENV, value: String(o.workers) },
                { name: START_PORT_ENV, value: String(o.startPort) },
              ],
              ports: [
                { name: 'http', containerPort: o.httpPort, protocol: 'TCP' },
                ...workers.map((i) => ({ name: portNameFor(pattern, i), containerPort: o.startPort + i - 1, protocol: 'TCP' })),
              ],
            },
          ],
        },
      },
    },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: {
      type: 'ClusterIP',
      selector: labels,
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        ...workers.map((i) => ({ name: portNameFor(pattern, i), port: o.startPort + i - 1, targetPort: portNameFor(pattern, i), protocol: 'TCP' })),
      ],
    },
  };
  const serviceMonitor = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata,
    spec: {
      selector: { matchLabels: labels },
      endpoints: workers.map((i) => ({ port: portNameFor(pattern, i), interval: o.scrapeInterval })),
    },
  };
  const render = (object: object, comment: string) => {
    const doc = new Document(object, { aliasDuplicateObjects: false });
    doc.commentBefore = ` ${comment}`;
    return doc.toString({ lineWidth: 0 });
  };
  const head = `${o.workers} gunicorn worker${o.workers === 1 ? '' : 's'}, metrics on ports ${o.startPort}-${o.startPort + o.workers - 1}`;
  const parts: GeneratedFile[] = [
    { name: 'deployment.yaml', text: render(deployment, `Django under gunicorn: ${head}. Change the count with "obsconf: Set worker count…".`) },
    { name: 'service.yaml', text: render(service, `One Service port per worker metrics port (${head}).`) },
    { name: 'servicemonitor.yaml', text: render(serviceMonitor, `One endpoint per worker, scraped every ${o.scrapeInterval}.`) },
  ];
  if (o.layout === 'split') return parts;
  return [{ name: `${o.appName}.yaml`, text: parts.map((p) => p.text).join('---\n') }];
}
