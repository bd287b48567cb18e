/**
 * "New Django metrics stack": the generated manifests pass obsconf's own
 * rules and validate against the Kubernetes / prometheus-operator schemas
 * in schemas/ (ajv), for one file and for three.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { generateStack, stackProblems, StackOptions } from '../../server/src/engine/generators/stack';
import { describe, lint } from '../fixes/harness';

const SCHEMAS = path.join(__dirname, '..', '..', 'schemas');
const ajv = new Ajv({ allErrors: true, strict: false });
const validators = {
  Deployment: ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, 'kubernetes-deployment.json'), 'utf8'))),
  Service: ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, 'kubernetes-service.json'), 'utf8'))),
  ServiceMonitor: ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, 'monitoring-servicemonitor.json'), 'utf8'))),
};

const BASE: StackOptions = {
  appName: 'app-django',
  namespace: 'app',
  image: 'mycompany/app:v0.1.0',
  httpPort: 8000,
  workers: 5,
  startPort: 5001,
  scrapeInterval: '15s',
  layout: 'split',
};

function check(options: StackOptions): void {
  const files = generateStack(options);
  assert.equal(files.length, options.layout === 'split' ? 3 : 1);
  const kinds: string[] = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(file.text) as unknown as { errors: unknown[]; toJS(): Record<string, unknown> }[]) {
      assert.equal(doc.errors.length, 0);
      const object = doc.toJS();
      const kind = object.kind as keyof typeof validators;
      kinds.push(kind);
      const validate = validators[kind];
      assert.ok(validate, `unexpected kind ${kind}`);
      assert.ok(validate(object), `${kind} in ${file.name}: ${ajv.errorsText(validate.errors)}`);
    }
  }
  assert.deepEqual(kinds.sort(), ['Deployment', 'Service', 'ServiceMonitor']);
  const { findings } = lint(new Map(files.map((f) => [`file:///gen/${f.name}`, f.text])));
  assert.equal(findings.length, 0, describe(findings));
}

test('the seed stack, three files', () => check(BASE));
test('one multi-document file', () => check({ ...BASE, layout: 'single' }));
test('one worker, other ports and interval', () => check({ ...BASE, workers: 1, startPort: 9100, httpPort: 80, scrapeInterval: '1m30s' }));
test('many workers', () => check({ ...BASE, workers: 32, startPort: 6000 }));

test('the ports of every worker are in all three objects', () => {
  const [file] = generateStack({ ...BASE, workers: 3, layout: 'single' });
  for (const i of [1, 2, 3]) assert.equal(file.text.split(`metrics-${i}\n`).length - 1, 4, `metrics-${i}: container port, Service port name and targetPort, endpoint`);
});

test('bad answers are refused with reasons, and the schemas catch what the rules would', () => {
  assert.match(stackProblems({ ...BASE, appName: '9app' }).join(' '), /start with a letter/);
  assert.match(stackProblems({ ...BASE, namespace: 'App' }).join(' '), /Namespace/);
  assert.match(stackProblems({ ...BASE, scrapeInterval: '15 s' }).join(' '), /Prometheus duration/);
  assert.match(stackProblems({ ...BASE, startPort: 65530, workers: 10 }).join(' '), /past 65535/);
  assert.match(stackProblems({ ...BASE, httpPort: 5003 }).join(' '), /inside the metrics ports/);
  assert.match(stackProblems({ ...BASE, portNamePattern: 'django-metrics-{i}', workers: 10 }).join(' '), /1 to 15 characters/);
  assert.throws(() => generateStack({ ...BASE, workers: 0 }));
  // The schemas are not toothless: a wrong manifest fails them.
  assert.equal(validators.ServiceMonitor({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'x' }, spec: { selector: {}, endpoints: [{ port: 'm', interval: '15 s' }] } }), false);
  assert.equal(validators.Deployment({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { selector: {}, template: { spec: { containers: [{ name: 'c', ports: [{ name: 'django-metrics-10', containerPort: 5010 }] }] } } } }), false);
  assert.equal(validators.Service({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 70000 }] } }), false);
});
