import { isMap, isScalar, isSeq, Node, YAMLMap } from 'yaml';
import type { K8sObject } from '../../model/kubernetes';
import { WORKLOAD_KINDS } from '../../model/kubernetes';
import { deref, findPair, Span, spanOf } from '../../documents/yamlAccess';
import type { YamlDoc } from '../../documents/yamlFile';
import { defineObjectRule, FindingInput, FixInput } from '../types';
import { fixesOf } from '../../fixes/text';
import { replaceValueFix, unquoteNumberFix } from '../../fixes/ruleFixes';

type Shape = 'map' | 'seq' | 'string' | 'int' | 'bool' | 'int-or-string' | 'string-map';

/** The fields obsconf reads, with the type the Kubernetes/prometheus-operator API requires of each. */
interface FieldSpec {
  shape: Shape;
  fields?: Record<string, FieldSpec>;
  items?: FieldSpec;
}

const map = (fields: Record<string, FieldSpec> = {}): FieldSpec => ({ shape: 'map', fields });
const seq = (items: FieldSpec): FieldSpec => ({ shape: 'seq', items });
const str: FieldSpec = { shape: 'string' };
const int: FieldSpec = { shape: 'int' };
const intOrString: FieldSpec = { shape: 'int-or-string' };
const stringMap: FieldSpec = { shape: 'string-map' };

const metadata = map({ name: str, namespace: str, labels: stringMap, annotations: stringMap });
const container = map({
  name: str,
  image: str,
  command: seq(str),
  args: seq(str),
  ports: seq(map({ name: str, containerPort: int, protocol: str, hostPort: int })),
  env: seq(map({ name: str, value: str, valueFrom: map() })),
});
const podSpec = map({ containers: seq(container), initContainers: seq(container) });
const podTemplate = map({ metadata, spec: podSpec });
const labelSelector = map({
  matchLabels: stringMap,
  matchExpressions: seq(map({ key: str, operator: str, values: seq(str) })),
});
// port, interval and scrapeTimeout are left to monitoring/servicemonitor-port, podmonitor-port and scrape-duration,
// whose messages say what to write instead (a port name, a duration with units) rather than only the type.
const monitorEndpoint = map({ targetPort: intOrString, path: str, scheme: str });

// Built once: the rule runs on every object of the workspace.
const podSpecs = map({ metadata, spec: podSpec });
const cronJobSpecs = map({ metadata, spec: map({ jobTemplate: map({ spec: map({ template: podTemplate }) }) }) });
const workloadSpecs = map({ metadata, spec: map({ selector: labelSelector, template: podTemplate }) });
const serviceSpecs = map({ metadata, spec: map({ selector: stringMap, type: str, ports: seq(map({ name: str, port: int, targetPort: intOrString, protocol: str })) }) });
const namespaceSelector = map({ any: { shape: 'bool' }, matchNames: seq(str) });
const serviceMonitorSpecs = map({ metadata, spec: map({ selector: labelSelector, namespaceSelector, endpoints: seq(monitorEndpoint), jobLabel: str }) });
const podMonitorSpecs = map({ metadata, spec: map({ selector: labelSelector, namespaceSelector, podMetricsEndpoints: seq(monitorEndpoint) }) });
const otherSpecs = map({ metadata });

function specFor(object: K8sObject): FieldSpec | undefined {
  if (object.kind === 'Pod') return podSpecs;
  if (object.kind === 'CronJob') return cronJobSpecs;
  if ((WORKLOAD_KINDS as readonly string[]).includes(object.kind)) return workloadSpecs;
  if (object.category === 'service') return serviceSpecs;
  if (object.category === 'servicemonitor') return serviceMonitorSpecs;
  if (object.category === 'podmonitor') return podMonitorSpecs;
  return otherSpecs;
}

const SHAPE_TEXT: Record<Shape, string> = {
  map: 'a mapping',
  seq: 'a list',
  string: 'a string',
  int: 'an integer',
  bool: 'true or false',
  'int-or-string': 'an integer or a string',
  'string-map': 'a mapping of strings',
};

/**
 * kubectl and the API server read manifests as YAML 1.1 (sigs.k8s.io/yaml on go-yaml v2), where these plain
 * words are booleans. The YAML 1.2 parser here reads them as strings, so they need a check of their own.
 */
const YAML11_BOOLEANS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);

function isYaml11Boolean(node: Node | null): boolean {
  return isScalar(node) && node.type === 'PLAIN' && typeof node.value === 'string' && YAML11_BOOLEANS.has(node.value);
}

/** A string as Kubernetes reads it: not a YAML 1.1 boolean word left unquoted. */
function isKubernetesString(node: Node | null): boolean {
  return isScalar(node) && typeof node.value === 'string' && !isYaml11Boolean(node);
}

/** Quotes a plain scalar as it is written (a YAML 1.1 boolean word meant as a string). */
function quoteFix(doc: YamlDoc, span: Span, text: string): FixInput {
  return { title: `Quote it: "${text}"`, safe: true, edits: [{ at: { doc, span }, newText: JSON.stringify(text) }] };
}

function actual(node: Node | null): string {
  if (node === null) return 'empty';
  if (isYaml11Boolean(node)) return `${(node as { value: string }).value} unquoted, which Kubernetes' YAML 1.1 parser reads as a boolean`;
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'number') return Number.isInteger(v) ? `the number ${v}` : `the number ${v}`;
    if (typeof v === 'boolean') return `the boolean ${v}`;
    return `the string ${JSON.stringify(v)}`;
  }
  return 'something else';
}

function fits(shape: Shape, node: Node | null): boolean {
  if (node === null) return false;
  switch (shape) {
    case 'map':
    case 'string-map':
      return isMap(node);
    case 'seq':
      return isSeq(node);
    case 'string':
      return isKubernetesString(node);
    case 'int':
      return isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value);
    case 'bool':
      return isScalar(node) && typeof node.value === 'boolean';
    case 'int-or-string':
      return isScalar(node) && (typeof node.value === 'string' || (typeof node.value === 'number' && Number.isInteger(node.value)));
  }
}

export default defineObjectRule<K8sObject>({
  id: 'k8s/field-type',
  severity: 'error',
  appliesTo: ['workload', 'service', 'servicemonitor', 'podmonitor', 'other'],
  fix: 'sometimes',
  docs: {
    summary: 'Fields that the port wiring depends on must have the type the API requires (a list of ports, an integer containerPort, string env values, string labels…).',
    why: 'kubectl apply rejects the object when a field has the wrong type ("cannot unmarshal string into Go struct field ContainerPort.containerPort of type int32"). obsconf reports it at the field instead of silently skipping what it cannot read; an unquoted number as an env value is the most common case.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app\n      env:\n        - name: WEB_CONCURRENCY\n          value: 4\n      ports: {}\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app\n      env:\n        - name: WEB_CONCURRENCY\n          value: "4"\n      ports: []\n',
  },
  check({ object, report }) {
    const doc = object.doc;
    const spec = specFor(object);
    if (!spec) return;
    const findings: FindingInput[] = [];
    // The path to the node being visited ("spec.template…ports[1]"), joined only when a finding needs it.
    const segments: string[] = [];
    const pathTo = (last: string) => segments.concat(last).filter(Boolean).join('.').replace(/\.\[/g, '[');
    const visit = (node: Node | null, fieldSpec: FieldSpec, depth: number) => {
      if (depth > 20 || findings.length > 50) return;
      if (fieldSpec.shape === 'string-map' && isMap(node)) {
        for (const pair of node.items) {
          const value = deref(doc.parsed, pair.value);
          if (!isKubernetesString(value)) {
            const span = spanOf(value) ?? spanOf(pair);
            const key = isScalar(pair.key) ? String(pair.key.value) : '?';
            const quoteHint = isScalar(value) && value.value !== null ? ` Quote it: "${String(value.value)}".` : '';
            const fixes =
              span && quoteHint && isScalar(value)
                ? fixesOf(isYaml11Boolean(value) ? quoteFix(doc, span, String(value.value)) : replaceValueFix(doc, { value: value.value, span }, String(value.value), `Quote it: "${String(value.value)}"`))
                : undefined;
            if (span) findings.push({ at: { doc, span }, message: `${pathTo(key)} must be a string, not ${actual(value)}.${quoteHint}`, fixes });
          }
        }
        return;
      }
      if (fieldSpec.shape === 'map' && isMap(node)) {
        for (const [key, child] of Object.entries(fieldSpec.fields ?? {})) {
          const pair = findPair(node as YAMLMap, key);
          if (!pair) continue;
          const value = deref(doc.parsed, pair.value);
          if (value === null) continue; // `key:` with no value is null, which the API treats as absent
          if (!fits(child.shape, value)) {
            const span = spanOf(value) ?? spanOf(pair);
            const quoteHint =
              // Quoting helps env values; a quoted number is no better a port name or duration.
              child.shape === 'string' && (key === 'value' || isYaml11Boolean(value)) && isScalar(value) && value.value !== null
                ? ` Quote it: "${String(value.value)}".`
                : child.shape === 'int' && isScalar(value) && typeof value.value === 'string' && /^\d+$/.test(value.value)
                  ? ` Write it without quotes: ${value.value}.`
                  : '';
            const fixes =
              span && quoteHint && isScalar(value)
                ? fixesOf(
                    child.shape === 'int'
                      ? unquoteNumberFix(doc, { value: value.value, span })
                      : isYaml11Boolean(value)
                        ? quoteFix(doc, span, String(value.value))
                        : replaceValueFix(doc, { value: value.value, span }, String(value.value), `Quote it: "${String(value.value)}"`),
                  )
                : undefined;
            if (span) findings.push({ at: { doc, span }, message: `${pathTo(key)} must be ${SHAPE_TEXT[child.shape]}, not ${actual(value)}.${quoteHint}`, fixes });
            continue;
          }
          segments.push(key);
          visit(value, child, depth + 1);
          segments.pop();
        }
        return;
      }
      if (fieldSpec.shape === 'seq' && isSeq(node) && fieldSpec.items) {
        node.items.forEach((item, i) => {
          const value = deref(doc.parsed, item);
          if (!fits(fieldSpec.items!.shape, value)) {
            const span = spanOf(value);
            if (span) findings.push({ at: { doc, span }, message: `${pathTo(`[${i}]`)} must be ${SHAPE_TEXT[fieldSpec.items!.shape]}, not ${actual(value)}.` });
            return;
          }
          segments.push(`[${i}]`);
          visit(value, fieldSpec.items!, depth + 1);
          segments.pop();
        });
      }
    };
    visit(object.root, spec, 0);
    for (const finding of findings) report(finding);
  },
});
