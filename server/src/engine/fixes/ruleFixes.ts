import type { YAMLMap } from 'yaml';
import type { Located } from '../documents/yamlAccess';
import { editDistance } from '../editDistance';
import type { YamlDoc } from '../documents/yamlFile';
import type { Container, Monitor, MonitorEndpoint, Service, Workload } from '../model/kubernetes';
import { objectLabel } from '../rules/kubernetes/resolve';
import type { FixInput } from '../rules/types';
import type { WiringAnalysis, WorkerChain, WorkerOverride } from '../rules/wiring/analysis';
import { makeFix } from './text';
import { BlockTarget, containerTargetFor, planContainerPorts, planEndpoints, planServicePorts, setNumber } from './wiring';
import { removeItem, replaceScalar } from './yamlEdit';

/*
 * The fixes the rules attach to their findings. Detection stays in the rules;
 * these builders turn "what is wrong" into edits.
 */

const targetOf = (analysis: WiringAnalysis, pattern: string): BlockTarget => ({ workers: analysis.workers, startPort: analysis.startPort, pattern });

/** A lowercase, separator-free form: "metrics2", "Metrics_2" and "metrics-2" are the same name to a human. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The one candidate a mistyped name most likely meant: the same name up to
 * case and separators, else a single candidate within one edit that keeps
 * the digits (so "metrics-6" never becomes "metrics-5").
 */
export function likelyMeant(name: string, candidates: string[]): string | undefined {
  const unique = [...new Set(candidates)].filter((c) => c !== name);
  const same = unique.filter((c) => squash(c) === squash(name));
  if (same.length === 1) return same[0];
  if (same.length > 1) return undefined;
  const digits = (s: string) => s.replace(/\D/g, '');
  const close = unique.filter((c) => editDistance(c, name) <= 1 && digits(c) === digits(name));
  return close.length === 1 ? close[0] : undefined;
}

/** worker-unscraped: the missing link of worker k's chain. */
export function workerUnscrapedFix(
  workload: Workload,
  container: Container,
  analysis: WiringAnalysis,
  chain: WorkerChain,
  missing: 'container-port' | 'service-port' | 'service-target' | 'endpoint',
  pattern: string,
  where: { service?: Service; monitor?: Monitor; portName?: string },
): FixInput | undefined {
  const target = targetOf(analysis, pattern);
  const only = [chain.worker];
  switch (missing) {
    case 'container-port': {
      const edits = planContainerPorts(workload, container, target, { only });
      return edits && makeFix(`Add container port "${chain.name}" (containerPort: ${chain.port})`, true, edits);
    }
    case 'service-port':
    case 'service-target': {
      if (!where.service) return undefined;
      const edits = planServicePorts(workload, container, where.service, target, { only });
      const wanted = containerTargetFor(container, chain.worker, target);
      const title =
        missing === 'service-port'
          ? `Add Service port "${chain.name}" (port ${chain.port}, targetPort ${wanted}) to ${objectLabel(where.service)}`
          : `Change targetPort to ${JSON.stringify(wanted)}`;
      return edits && makeFix(title, true, edits);
    }
    case 'endpoint': {
      const monitor = where.monitor;
      const name = where.portName;
      if (!monitor || !name) return undefined;
      // An endpoint with a near-miss name ("metrics3") is the one meant: rename it instead of adding a second.
      const stray = strayEndpoints(monitor, analysis.services);
      const meant = stray.find((e) => likelyMeant(e.port!.value as string, [name]) === name);
      if (meant) return renameEndpointFix(monitor.doc, meant.port!, name);
      const edits = planEndpoints(monitor, [{ worker: chain.worker, name }], pattern);
      return edits && makeFix(`Add endpoint "${name}" to ${objectLabel(monitor)}`, true, edits);
    }
  }
}

/** Endpoints whose port name no selected Service has. */
export function strayEndpoints(monitor: Monitor, services: Service[]): MonitorEndpoint[] {
  const names = new Set(services.flatMap((s) => s.ports.map((p) => p.name?.value)));
  return monitor.endpoints.filter((e) => typeof e.port?.value === 'string' && !names.has(e.port.value));
}

export function renameEndpointFix(doc: YamlDoc, port: Located<unknown>, name: string): FixInput | undefined {
  const edit = replaceScalar(doc, port.span, name);
  return edit && makeFix(`Change port to "${name}"`, true, [edit]);
}

/** Deletes a whole sequence item (a port, an endpoint); never safe: it removes configuration. */
export function removeItemFix(doc: YamlDoc, node: YAMLMap, title: string): FixInput | undefined {
  const edit = removeItem(doc, node);
  return edit && makeFix(title, false, [edit]);
}

/** Replaces a scalar, keeping its quoting. */
export function replaceValueFix(doc: YamlDoc, at: Located<unknown>, value: string | number, title: string, safe = true): FixInput | undefined {
  const edit = typeof value === 'number' ? setNumber(doc, at.span, value) : replaceScalar(doc, at.span, value);
  return edit && makeFix(title, safe, [edit]);
}

/** An endpoint naming a port the Service lacks: the name it most likely meant (not taken by another endpoint), else removal (unsafe). */
export function endpointPortFixes(monitor: Monitor, endpoint: MonitorEndpoint, services: Service[]): FixInput[] | undefined {
  const name = endpoint.port?.value;
  if (typeof name !== 'string' || !endpoint.port) return undefined;
  const taken = new Set(monitor.endpoints.filter((e) => e !== endpoint).map((e) => e.port?.value));
  const candidates = services.flatMap((s) => s.ports.map((p) => p.name?.value)).filter((n): n is string => typeof n === 'string' && !taken.has(n));
  const meant = likelyMeant(name, candidates);
  const fixes = [meant ? renameEndpointFix(monitor.doc, endpoint.port, meant) : undefined, removeItemFix(monitor.doc, endpoint.node, `Remove endpoint "${name}"`)];
  const out = fixes.filter((f): f is FixInput => f !== undefined);
  return out.length ? out : undefined;
}

/** A PodMonitor port or a named targetPort that no container port has: the container port name it most likely meant. */
export function containerPortNameFix(doc: YamlDoc, at: Located<unknown>, workloads: Workload[], title = 'Change to'): FixInput | undefined {
  if (typeof at.value !== 'string') return undefined;
  const names = workloads.flatMap((w) => w.containers.flatMap((c) => c.ports.map((p) => p.name?.value))).filter((n): n is string => typeof n === 'string');
  const meant = likelyMeant(at.value, names);
  return meant ? replaceValueFix(doc, at, meant, `${title} "${meant}"`) : undefined;
}

/** A quoted number where Kubernetes wants an integer ("5001" → 5001). */
export function unquoteNumberFix(doc: YamlDoc, at: Located<unknown>): FixInput | undefined {
  if (typeof at.value !== 'string' || !/^\d+$/.test(at.value.trim())) return undefined;
  const n = Number(at.value.trim());
  if (n < 1 || n > 65535) return undefined;
  return replaceValueFix(doc, at, n, `Write ${n} without quotes`);
}

/** "tcp" → "TCP": the protocol in the case the API accepts. */
export function protocolFix(doc: YamlDoc, at: Located<unknown> | undefined): FixInput | undefined {
  if (!at || typeof at.value !== 'string') return undefined;
  const upper = at.value.toUpperCase();
  if (upper === at.value || !['TCP', 'UDP', 'SCTP'].includes(upper)) return undefined;
  return replaceValueFix(doc, at, upper, `Change protocol to ${upper}`);
}

/**
 * A --workers that overrides WEB_CONCURRENCY: in GUNICORN_CMD_ARGS it goes
 * (gunicorn then reads WEB_CONCURRENCY); in command/args its count becomes
 * $(WEB_CONCURRENCY), which Kubernetes expands. Safe only when the count is
 * the one WEB_CONCURRENCY already gives: then nothing runs differently.
 */
export function workerOverrideFix(doc: YamlDoc, override: WorkerOverride, envWorkers: number | undefined): FixInput | undefined {
  const text = doc.text;
  const safe = override.count !== undefined && override.count === envWorkers;
  if (override.where === 'GUNICORN_CMD_ARGS') {
    let start = override.span.start;
    let end = override.span.end;
    if (/["'\\\n]/.test(text.slice(start, end))) return undefined;
    const after = /^[ \t]+/.exec(text.slice(end));
    if (after) end += after[0].length;
    else while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    return makeFix(`Remove "${text.slice(override.span.start, override.span.end)}" (use ${'WEB_CONCURRENCY'})`, safe, [{ doc, start, end, newText: '' }]);
  }
  const spanText = text.slice(override.span.start, override.span.end);
  const match = /\d+(?!.*\d)/s.exec(spanText);
  if (!match || match.index === undefined) return undefined;
  const start = override.span.start + match.index;
  const edit = { doc, start, end: start + match[0].length, newText: '$(WEB_CONCURRENCY)' };
  // A bare integer item (`- 4`) would become a string item; only edit inside a string.
  if (/^\d+$/.test(spanText.trim()) && text[override.span.start - 1] !== '"' && text[override.span.start - 1] !== "'") return undefined;
  return makeFix('Use --workers=$(WEB_CONCURRENCY)', safe, [edit]);
}
