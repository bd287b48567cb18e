import { isScalar, YAMLMap } from 'yaml';
import type { YamlDoc } from '../documents/yamlFile';
import type { Container, Monitor, Service, Workload } from '../model/kubernetes';
import { objectLabel } from '../rules/kubernetes/resolve';
import type { WorkspaceQueries } from '../rules/types';
import { portNameFor, START_PORT_ENV, WORKERS_ENV, workerOfPortName, WorkerSetup } from '../rules/wiring/analysis';
import { afterItem, itemLineStart, mapItems } from '../fixes/yamlEdit';
import { followsWebConcurrency, workerSourceLabel } from './workerCount';
import { findPair, getSeq } from '../documents/yamlAccess';

/*
 * "Convert numbered ports to Helm range loops" (the seed article's bonus):
 * the metrics-1..N blocks of the Deployment, the Service and the
 * ServiceMonitor become `untilStep`/`add1` range loops over
 * .Values.env.config, and the env list becomes a range over the same map.
 * A block is converted only when the loop expands, for the current values,
 * to exactly the text it replaces; otherwise the conversion says what
 * differs instead of changing behaviour.
 */

export interface HelmPart {
  title: string;
  doc: YamlDoc;
  /** Document-local offsets of the replaced block. */
  start: number;
  end: number;
  /** The template text that replaces it. */
  replacement: string;
}

export interface HelmConversion {
  /** The values.yaml block (`env.config`). */
  valuesBlock: string;
  parts: HelmPart[];
  /** Values block and template parts, for a new editor. */
  text: string;
}

const PORTS_LOOP =
  '{{- $metricsPort := untilStep (int .METRICS_START_PORT) (int (add (int .METRICS_START_PORT) (int .WEB_CONCURRENCY))) 1 -}}';

interface Field {
  key: string;
  /** The template text for the value (inside the quotes, if the value is quoted). */
  template: string;
  /** The value item i (0-based) must have, as written without quotes. */
  expected: (i: number) => string;
}

function valueSpan(item: YAMLMap, key: string): [number, number] | undefined {
  const value = findPair(item, key)?.value;
  return isScalar(value) && value.range ? [value.range[0], value.range[1]] : undefined;
}

/**
 * The loop body made from the first item: its text with each field's value
 * replaced by the template; every item must equal the body with that
 * item's expected values, else the reason it does not.
 */
function loopBody(doc: YamlDoc, items: YAMLMap[], fields: Field[], what: (i: number) => string): { body: string } | { error: string } {
  const textOf = (item: YAMLMap) => doc.text.slice(itemLineStart(doc, item), afterItem(doc, item));
  const substitute = (item: YAMLMap, value: (field: Field) => string): string | undefined => {
    const start = itemLineStart(doc, item);
    let text = textOf(item);
    const spans = fields.map((f) => ({ f, span: valueSpan(item, f.key) }));
    if (spans.some((s) => !s.span)) return undefined;
    spans.sort((a, b) => b.span![0] - a.span![0]);
    for (const { f, span } of spans) {
      const [s, e] = span!;
      const raw = doc.text.slice(s, e);
      const quote = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
      text = text.slice(0, s - start) + quote + value(f) + quote + text.slice(e - start);
    }
    return text;
  };
  const body = substitute(items[0], (f) => f.template);
  if (body === undefined) return { error: `${what(0)} lacks one of ${fields.map((f) => f.key).join(', ')}.` };
  for (let i = 0; i < items.length; i++) {
    const expected = substitute(items[0], (f) => f.expected(i));
    if (expected !== textOf(items[i])) return { error: `${what(i)} is not written like ${what(0)} with its own number, so a loop would change it.` };
  }
  return { body };
}

/** The items numbered 1..N, contiguous and in order, or why not. */
function numberedRun(doc: YamlDoc, all: YAMLMap[], key: string, pattern: string, workers: number, what: string): YAMLMap[] | string {
  const numbered = all.map((item, index) => {
    const value = findPair(item, key)?.value;
    return { item, index, worker: workerOfPortName(pattern, isScalar(value) ? value.value : undefined) };
  }).filter((x) => x.worker !== undefined);
  if (numbered.length !== workers) return `${what} has ${numbered.length} numbered entries for ${workers} workers; fix the wiring first (quick fixes or "Set worker count…").`;
  for (let i = 0; i < numbered.length; i++) {
    if (numbered[i].worker !== i + 1) return `${what}: entry ${i + 1} is ${portNameFor(pattern, numbered[i].worker!)}; the numbered entries must run 1..${workers} in order.`;
    if (i > 0 && numbered[i].index !== numbered[i - 1].index + 1) return `${what}: the numbered entries are not next to each other.`;
    if (numbered[i].item.flow) return `${what} is in flow style.`;
  }
  void doc;
  return numbered.map((x) => x.item);
}

function indentOf(doc: YamlDoc, item: YAMLMap): string {
  return ' '.repeat(Math.max(0, doc.text.slice(itemLineStart(doc, item)).search(/\S/)));
}

function portsLoop(doc: YamlDoc, items: YAMLMap[], body: string): string {
  const ind = indentOf(doc, items[0]);
  return `${ind}{{- with .Values.env.config }}\n${ind}${PORTS_LOOP}\n${ind}{{- range $index, $port := $metricsPort }}\n${body}${ind}{{- end }}\n${ind}{{- end }}\n`;
}

export interface ConvertInput {
  workload: Workload;
  container: Container;
  setup: WorkerSetup;
}

export function convertToHelm(input: ConvertInput, queries: WorkspaceQueries, pattern: string): HelmConversion | { error: string } {
  const { workload, container, setup } = input;
  if (setup.unknown.length) return { error: `${setup.unknown.map((u) => u.name).join(' and ')} come from valueFrom; there is no literal value to move into values.yaml.` };
  if (setup.workers === undefined || setup.startPort === undefined) return { error: `${WORKERS_ENV} and ${START_PORT_ENV} need literal values.` };
  if (setup.overrides.length) return { error: `--workers overrides ${WORKERS_ENV}; remove it first so that the loops follow the values.` };
  if (!followsWebConcurrency(setup)) {
    return { error: `The worker count comes from ${workerSourceLabel(setup) ?? setup.workersSource}, not from the container's ${WORKERS_ENV}; loops over ${WORKERS_ENV} would not match the workers. Set the count in ${WORKERS_ENV} (or make the config read it) first.` };
  }
  if (workload.doc.text.includes('\r\n')) return { error: 'Files with CRLF line endings are not converted.' };
  const n = setup.workers;
  const start = setup.startPort;
  const [prefix, suffix = ''] = pattern.split('{i}');
  const nameTemplate = `${prefix}{{ add1 $index }}${suffix}`;
  const nameAt = (i: number) => portNameFor(pattern, i + 1);
  const portAt = (i: number) => String(start + i);
  const parts: HelmPart[] = [];
  const doc = workload.doc;

  // The env list: a range over .Values.env.config when every entry is a plain name/value pair, sorted as Go ranges a map.
  const envItems = mapItems(getSeq(doc.parsed, container.node, 'env'));
  const config: [string, string][] = [];
  for (const item of envItems) {
    const name = findPair(item, 'name')?.value;
    const value = findPair(item, 'value')?.value;
    if (!isScalar(name) || !isScalar(value) || item.items.length !== 2) return { error: `The env entry ${isScalar(name) ? String(name.value) : '?'} is not a plain name/value pair; move it out of the env list first.` };
    config.push([String(name.value), String(value.value)]);
  }
  const sortedNames = config.map(([k]) => k);
  if (sortedNames.join('\u0000') !== [...sortedNames].sort().join('\u0000')) {
    return { error: `Helm ranges over .Values.env.config in key order, so the env entries must be sorted by name (${[...sortedNames].sort().join(', ')}) to keep their order.` };
  }
  if (envItems.length) {
    const body = loopBody(
      doc,
      envItems,
      [
        { key: 'name', template: '{{ $key }}', expected: (i) => config[i][0] },
        { key: 'value', template: '{{ $value | quote }}', expected: (i) => config[i][1] },
      ],
      (i) => `env entry ${config[i][0]}`,
    );
    if ('error' in body) return body;
    const quoted = envItems.every((item) => {
      const span = valueSpan(item, 'value');
      return span && doc.text[span[0]] === '"' && /^[\w./:@-]*$/.test(doc.text.slice(span[0] + 1, span[1] - 1));
    });
    if (!quoted) return { error: 'Every env value must be a simple double-quoted string, as `quote` writes it.' };
    const body2 = body.body.replace('"{{ $value | quote }}"', '{{ $value | quote }}');
    const ind = indentOf(doc, envItems[0]);
    parts.push({
      title: `env of container ${String(container.name?.value ?? '?')} (${objectLabel(workload)})`,
      doc,
      start: itemLineStart(doc, envItems[0]),
      end: afterItem(doc, envItems[envItems.length - 1]),
      replacement: `${ind}{{- range $key, $value := .Values.env.config }}\n${body2}${ind}{{- end }}\n`,
    });
  }

  const containerRun = numberedRun(doc, mapItems(getSeq(doc.parsed, container.node, 'ports')), 'name', pattern, n, `The ports of container ${String(container.name?.value ?? '?')}`);
  if (typeof containerRun === 'string') return { error: containerRun };
  const containerBody = loopBody(
    doc,
    containerRun,
    [
      { key: 'name', template: nameTemplate, expected: nameAt },
      { key: 'containerPort', template: '{{ $port }}', expected: portAt },
    ],
    (i) => `Container port ${nameAt(i)}`,
  );
  if ('error' in containerBody) return containerBody;
  parts.push({
    title: `ports of container ${String(container.name?.value ?? '?')} (${objectLabel(workload)})`,
    doc,
    start: itemLineStart(doc, containerRun[0]),
    end: afterItem(doc, containerRun[containerRun.length - 1]),
    replacement: portsLoop(doc, containerRun, containerBody.body),
  });

  const services = queries.servicesSelecting(workload).filter((s) => s.ports.some((p) => workerOfPortName(pattern, p.name?.value) !== undefined));
  const monitors = new Set<Monitor>();
  for (const service of services) {
    const part = servicePart(service, pattern, n, nameTemplate, nameAt, portAt);
    if ('error' in part) return part;
    parts.push(part);
    for (const monitor of queries.serviceMonitorsSelecting(service)) monitors.add(monitor);
  }
  for (const monitor of monitors) {
    if (!monitor.endpoints.some((e) => workerOfPortName(pattern, e.port?.value) !== undefined)) continue;
    const mdoc = monitor.doc;
    const run = numberedRun(mdoc, mapItems(getSeq(mdoc.parsed, monitor.spec, 'endpoints')), 'port', pattern, n, `The endpoints of ${objectLabel(monitor)}`);
    if (typeof run === 'string') return { error: run };
    const body = loopBody(mdoc, run, [{ key: 'port', template: nameTemplate, expected: nameAt }], (i) => `Endpoint ${nameAt(i)}`);
    if ('error' in body) return body;
    parts.push({
      title: `endpoints of ${objectLabel(monitor)}`,
      doc: mdoc,
      start: itemLineStart(mdoc, run[0]),
      end: afterItem(mdoc, run[run.length - 1]),
      replacement: portsLoop(mdoc, run, body.body),
    });
  }

  const valuesLines = ['env:', '  config:'];
  for (const [key, value] of config) {
    const numeric = (key === WORKERS_ENV || key === START_PORT_ENV) && /^\d+$/.test(value);
    valuesLines.push(`    ${key}: ${numeric ? value : JSON.stringify(value)}`);
  }
  if (!config.some(([k]) => k === WORKERS_ENV)) valuesLines.push(`    ${WORKERS_ENV}: ${n}`);
  if (!config.some(([k]) => k === START_PORT_ENV)) valuesLines.push(`    ${START_PORT_ENV}: ${start}`);
  const valuesBlock = `${valuesLines.join('\n')}\n`;
  const text = [
    `# values.yaml`,
    valuesBlock,
    ...parts.map((p) => `# ${p.title} (${p.doc.file.uri.slice(p.doc.file.uri.lastIndexOf('/') + 1)})\n${p.replacement}`),
  ].join('\n');
  return { valuesBlock, parts, text };
}

function servicePart(
  service: Service,
  pattern: string,
  n: number,
  nameTemplate: string,
  nameAt: (i: number) => string,
  portAt: (i: number) => string,
): HelmPart | { error: string } {
  const doc = service.doc;
  const items = mapItems(getSeq(doc.parsed, service.spec, 'ports'));
  const run = numberedRun(doc, items, 'name', pattern, n, `The ports of ${objectLabel(service)}`);
  if (typeof run === 'string') return { error: run };
  const first = findPair(run[0], 'targetPort');
  const target = isScalar(first?.value) ? first.value.value : undefined;
  const fields: Field[] = [
    { key: 'name', template: nameTemplate, expected: nameAt },
    { key: 'port', template: '{{ $port }}', expected: portAt },
  ];
  if (typeof target === 'string') fields.push({ key: 'targetPort', template: nameTemplate, expected: nameAt });
  else if (typeof target === 'number') fields.push({ key: 'targetPort', template: '{{ $port }}', expected: portAt });
  const body = loopBody(doc, run, fields, (i) => `Service port ${nameAt(i)}`);
  if ('error' in body) return body;
  return {
    title: `ports of ${objectLabel(service)}`,
    doc,
    start: itemLineStart(doc, run[0]),
    end: afterItem(doc, run[run.length - 1]),
    replacement: portsLoop(doc, run, body.body),
  };
}
