// Generates N Django/gunicorn apps for the bench: each a Deployment (an `http`
// port and K per-worker metrics ports, WEB_CONCURRENCY=K, METRICS_START_PORT),
// a Service exposing them by name, and a ServiceMonitor scraping each one.
// K runs through 1..8. Every 40th app has one deliberate break (a missing
// ServiceMonitor endpoint) so that there are diagnostics to publish.
//
// As a module: generateApps(n, seed) → { multiDocument, files: [{ name, text }] }.
// As a script: node test/bench/generate.mjs N OUT_DIR [--seed S]
//   writes OUT_DIR/single/apps-N.yaml (one multi-document file, alone in its folder) and
//   OUT_DIR/apps-N/<app>/{deployment,service,servicemonitor}.yaml.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A small deterministic generator (xorshift32), so that a seed always gives the same text. */
function random(seed) {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

const TEAMS = ['shop', 'billing', 'search', 'identity', 'content', 'growth'];
const PARTS = ['api', 'web', 'admin', 'checkout', 'catalog', 'orders', 'profile', 'reports', 'media', 'notify'];

function app(i, next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const team = TEAMS[i % TEAMS.length];
  const name = `${pick(PARTS)}-${String(i + 1).padStart(4, '0')}`;
  const workers = (i % 8) + 1;
  const start = 9000 + 10 * (i % 50);
  const broken = i % 40 === 39 && workers > 1;
  const labels = [`app.kubernetes.io/name: ${name}`, `app.kubernetes.io/instance: ${team}-${name}`, `app.kubernetes.io/part-of: ${team}`];
  const indent = (n, lines) => lines.map((l) => ' '.repeat(n) + l).join('\n');
  const range = (n, f) => Array.from({ length: n }, (_, k) => f(k + 1)).flat();
  const cpu = pick(['100m', '250m', '500m', '1']);
  const memory = pick(['256Mi', '512Mi', '1Gi']);
  const image = `registry.example.com/${team}/${name}:v${1 + Math.floor(next() * 9)}.${Math.floor(next() * 30)}.${Math.floor(next() * 10)}`;

  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${team}
  labels:
${indent(4, [...labels, 'app.kubernetes.io/component: web'])}
  annotations:
    deployment.kubernetes.io/revision: "${1 + Math.floor(next() * 40)}"
    example.com/owner: team-${team}@example.com
spec:
  replicas: ${1 + Math.floor(next() * 6)}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  selector:
    matchLabels:
${indent(6, labels.slice(0, 2))}
  template:
    metadata:
      labels:
${indent(8, labels)}
    spec:
      serviceAccountName: ${name}
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        fsGroup: 1000
      initContainers:
      - name: migrate
        image: ${image}
        command: ["python", "manage.py", "migrate", "--noinput"]
        envFrom:
        - secretRef:
            name: ${name}-db
      containers:
      - name: django
        image: ${image}
        command: ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8080"]
        env:
        - name: DJANGO_SETTINGS_MODULE
          value: config.settings.production
        - name: WEB_CONCURRENCY
          value: "${workers}"
        - name: METRICS_START_PORT
          value: "${start}"
        - name: PROMETHEUS_MULTIPROC_DIR
          value: /tmp/prometheus
        - name: DATABASE_URL
          valueFrom:
            secretKeyRef:
              name: ${name}-db
              key: url
        ports:
        - name: http
          containerPort: 8080
          protocol: TCP
${indent(8, range(workers, (k) => [`- name: metrics-${k}`, `  containerPort: ${start + k - 1}`, '  protocol: TCP']))}
        readinessProbe:
          httpGet:
            path: /health/ready/
            port: http
          periodSeconds: 10
        livenessProbe:
          httpGet:
            path: /health/live/
            port: http
          initialDelaySeconds: 15
          periodSeconds: 20
        resources:
          requests:
            cpu: ${cpu}
            memory: ${memory}
          limits:
            memory: ${memory}
        volumeMounts:
        - name: prometheus-multiproc
          mountPath: /tmp/prometheus
      volumes:
      - name: prometheus-multiproc
        emptyDir:
          medium: Memory
`;

  const service = `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${team}
  labels:
${indent(4, labels)}
spec:
  type: ClusterIP
  selector:
${indent(4, labels.slice(0, 2))}
  ports:
  - name: http
    port: 80
    targetPort: http
    protocol: TCP
${indent(2, range(workers, (k) => [`- name: metrics-${k}`, `  port: ${start + k - 1}`, `  targetPort: metrics-${k}`, '  protocol: TCP']))}
`;

  const scraped = range(workers, (k) => k).filter((k) => !(broken && k === workers));
  const monitor = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: ${name}
  namespace: ${team}
  labels:
    release: prometheus
spec:
  jobLabel: app.kubernetes.io/name
  namespaceSelector:
    matchNames:
    - ${team}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  endpoints:
${indent(2, scraped.flatMap((k) => [`- port: metrics-${k}`, '  path: /metrics', '  interval: 30s', '  scrapeTimeout: 10s']))}
`;
  return { name, deployment, service, monitor };
}

export function generateApps(n, seed = 1) {
  const next = random(seed);
  const apps = Array.from({ length: n }, (_, i) => app(i, next));
  const multiDocument = apps.map((a) => `---\n${a.deployment}---\n${a.service}---\n${a.monitor}`).join('');
  const files = apps.flatMap((a) => [
    { name: `${a.name}/deployment.yaml`, text: a.deployment },
    { name: `${a.name}/service.yaml`, text: a.service },
    { name: `${a.name}/servicemonitor.yaml`, text: a.monitor },
  ]);
  return { multiDocument, files };
}

/** Writes both shapes under `dir`; returns their paths. */
export function writeApps(n, dir, seed = 1) {
  const { multiDocument, files } = generateApps(n, seed);
  const file = join(dir, 'single', `apps-${n}.yaml`);
  const folder = join(dir, `apps-${n}`);
  mkdirSync(join(dir, 'single'), { recursive: true });
  writeFileSync(file, multiDocument);
  for (const f of files) {
    mkdirSync(join(folder, f.name, '..'), { recursive: true });
    writeFileSync(join(folder, f.name), f.text);
  }
  return { file, folder, lines: multiDocument.split('\n').length - 1, documents: 3 * n };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [n, out, ...rest] = process.argv.slice(2);
  const seedAt = rest.indexOf('--seed');
  if (!n || !out || !(Number(n) > 0)) {
    process.stderr.write('usage: node test/bench/generate.mjs N OUT_DIR [--seed S]\n');
    process.exit(2);
  }
  const written = writeApps(Number(n), out, seedAt >= 0 ? Number(rest[seedAt + 1]) : 1);
  process.stdout.write(`${JSON.stringify(written)}\n`);
}
