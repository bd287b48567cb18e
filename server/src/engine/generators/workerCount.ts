import type { Range } from '../documents/lineIndex';
import type { Container, Workload } from '../model/kubernetes';
import { GunicornConfig, workersFrom } from '../gunicorn/config';
import { effectiveWorkers } from '../gunicorn/effective';
import { fileRange, FileSpot, GunicornProcess, WorkersSource } from '../gunicorn/process';
import { pythonSource } from '../python/source';
import type { WorkspaceQueries } from '../rules/types';
import { GUNICORN_ARGS_ENV, portNameFor, START_PORT_ENV, WORKERS_ENV, workerOfPortName, WorkerSetup } from '../rules/wiring/analysis';
import type { WorkerTarget } from '../fixes/locate';
import { indexQueries } from '../fixes/queries';
import { planSequence } from '../fixes/sequence';
import type { DocEdit } from '../fixes/text';
import { BlockTarget, dedupe, planContainerPorts, planEndpoints, planServicePorts } from '../fixes/wiring';
import { replaceScalar } from '../fixes/yamlEdit';
import type { IndexedFile, WorkspaceIndex } from '../workspace/index';

/*
 * "Set worker count": WEB_CONCURRENCY, whatever overrides it, the container
 * ports, the Service ports and the ServiceMonitor endpoints, all moved to N
 * workers in one set of edits. N is counted the way the wiring rules count
 * it (rules/wiring/analysis.ts workerSetup with the workspace), so after the
 * edit the rules see N workers with N ports.
 *
 * An override of WEB_CONCURRENCY is changed where it lives, as long as it is
 * a plain number: `--workers`/`-w` in the container's command, args or
 * GUNICORN_CMD_ARGS; `workers = 6` in the gunicorn config file; `--workers 6`
 * in the Dockerfile's CMD/ENTRYPOINT or the Procfile. Only the number is
 * replaced, so comments and layout stay. The command refuses, and says
 * where and why, when the override is an expression or a variable it cannot
 * set, is set under a condition, or is read by another workload of the
 * workspace as well (changing it would change that workload's workers too).
 */

/** An edit in a file that is not a YAML document of the index (gunicorn config, Dockerfile, Procfile). */
export interface FileEdit {
  uri: string;
  range: Range;
  newText: string;
}

export interface WorkerCountResult {
  /** Edits in YAML documents (the manifests). */
  edits: DocEdit[];
  /** Edits in other files: the override of WEB_CONCURRENCY in a gunicorn config, Dockerfile or Procfile. */
  fileEdits: FileEdit[];
  /** What was done, or why nothing could be. */
  message: string;
  /** Set when an override in a file baked into the image was changed: where, and that the image must be rebuilt. */
  notice?: string;
  ok: boolean;
}

/** A short name for where a container's worker count comes from, when that is not its WEB_CONCURRENCY (for titles and messages). */
export function workerSourceLabel(setup: WorkerSetup): string | undefined {
  const from = setup.workersFile;
  const process = setup.process;
  if (from) {
    switch (from.kind) {
      case 'config':
        return `workers in ${process?.config?.label ?? 'the gunicorn config'}`;
      case 'dockerfile':
        return `--workers in ${process?.dockerfile?.label ?? 'the Dockerfile'}`;
      case 'procfile':
        return `--workers in ${process?.procfile?.label ?? 'the Procfile'}`;
      case 'dockerfile-env':
        return `${WORKERS_ENV} in ${process?.dockerfile?.label ?? 'the Dockerfile'}`;
    }
  }
  return setup.workersSource === WORKERS_ENV ? undefined : setup.workersSource;
}

function line(spot: FileSpot): number {
  return spot.range.start.line + 1;
}

function sameSpot(a: FileSpot, b: FileSpot): boolean {
  return a.uri === b.uri && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

function imageRepository(container: Container): string | undefined {
  const image = container.node?.get('image');
  if (typeof image !== 'string') return undefined;
  return image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
}

function* workloadsOf(index: WorkspaceIndex): Generator<Workload> {
  for (const file of index.files.values()) {
    if (file.kind !== 'yaml') continue;
    for (const doc of file.docs) for (const object of doc.objects ?? []) if ((object as Workload).category === 'workload') yield object as Workload;
  }
}

/**
 * Other containers of the workspace that take their worker count from the
 * same place: they run the same image, or name gunicorn in their own command
 * (a sidecar without a command of its own is matched to the only Dockerfile
 * too, but does not run it).
 */
function sharers(index: WorkspaceIndex, queries: WorkspaceQueries, target: WorkerTarget, spot: FileSpot): string[] {
  const image = imageRepository(target.container);
  const out: string[] = [];
  for (const workload of workloadsOf(index)) {
    for (const container of workload.containers) {
      if (container === target.container) continue;
      const workers = effectiveWorkers(container, workload, queries);
      if (!workers.at || !sameSpot(workers.at, spot)) continue;
      if (imageRepository(container) !== image && !workers.process?.containerInvocation) continue;
      out.push(`${workload.kind} "${workload.name}" (container "${container.name?.value ?? '?'}")`);
    }
  }
  return out;
}

/** What to do about an override in a file: change it (edit, and a note for the user), nothing (it already gives N), or refuse. */
type OverridePlan = { edit?: FileEdit; note?: string; where: string } | { refuse: string };

/** Whether the config file's `workers` gives N when WEB_CONCURRENCY is N (`int(os.environ.get("WEB_CONCURRENCY", 2))` does). */
export function configGives(process: GunicornProcess, workers: number): boolean {
  if (!process.config) return false;
  const env = (name: string) => (name === WORKERS_ENV ? String(workers) : process.env(name));
  const evaluated = new GunicornConfig(pythonSource(process.config.file), env).setting('workers');
  return evaluated !== undefined && !evaluated.binding.conditional && workersFrom(evaluated.value).count === workers;
}

/**
 * Whether gunicorn's worker count follows the container's WEB_CONCURRENCY
 * whatever its value: nothing overrides it, or the config file computes
 * `workers` from it and gives it back unchanged.
 */
export function followsWebConcurrency(setup: WorkerSetup): boolean {
  if (setup.overrides.length) return false;
  const from = setup.workersFile;
  if (!from) return setup.workersSource === WORKERS_ENV;
  if (from.kind !== 'config' || !setup.process || setup.workers === undefined) return false;
  return configGives(setup.process, setup.workers) && configGives(setup.process, setup.workers + 1);
}

/** The config file's `workers` moved to N: its literal replaced, or nothing when it follows WEB_CONCURRENCY (checked by evaluating it with N). */
function planConfigOverride(process: GunicornProcess, source: WorkersSource, workers: number): OverridePlan {
  const config = process.config;
  const setting = config?.config.setting('workers');
  const lineOf = `line ${source.at ? line(source.at) : '?'}`;
  const label = config?.label ?? 'the gunicorn config';
  if (config && setting?.binding.conditional) {
    return { refuse: `The worker count comes from workers in ${label} (${lineOf}), which is set inside a condition; set it there by hand, or make it read ${WORKERS_ENV}.` };
  }
  if (!config || !setting?.binding.value) return { refuse: `The worker count comes from workers in ${label} (${lineOf}), which obsconf cannot read back; set it there.` };
  const { from, to } = setting.binding.value;
  const text = config.file.text.slice(from, to);
  const shown = text.replace(/\s+/g, ' ');
  const where = `workers = ${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown} in ${label} (${lineOf})`;
  if (/^\d+$/.test(text)) {
    if (Number(text) === workers) return { where };
    return {
      edit: { uri: config.file.uri, range: fileRange(config.file, from, to), newText: String(workers) },
      note: `workers = ${text} → ${workers} in ${config.label} (${lineOf})`,
      where,
    };
  }
  // An expression: fine when it gives N once WEB_CONCURRENCY is N (`int(os.environ.get("WEB_CONCURRENCY", 2))`).
  if (configGives(process, workers)) return { where };
  return {
    refuse: `The worker count comes from ${where}, which overrides ${WORKERS_ENV} and is not a number obsconf can set. Change it there (or make it read ${WORKERS_ENV}) and run Set worker count again.`,
  };
}

/** A `--workers N` in the Dockerfile CMD/ENTRYPOINT or the Procfile moved to N: the number replaced inside its quotes. */
function planCommandOverride(process: GunicornProcess, source: WorkersSource, workers: number): OverridePlan {
  const flag = process.fileInvocation?.workers;
  const file: IndexedFile | undefined = process.dockerfile?.file ?? process.procfile?.file;
  const label = process.dockerfile ? process.dockerfile.label : process.procfile?.label ?? 'the image';
  const where = `--workers ${flag?.value ?? ''} in ${label} (line ${source.at ? line(source.at) : '?'})`;
  if (!flag || !file || flag.valueFrom === undefined || flag.valueTo === undefined || flag.value === undefined || !/^\d+$/.test(flag.value)) {
    return { refuse: `The worker count comes from ${where}, which overrides ${WORKERS_ENV} and is not a number obsconf can set. Change it there (or pass --workers "$${WORKERS_ENV}") and run Set worker count again.` };
  }
  if (Number(flag.value) === workers) return { where };
  const raw = file.text.slice(flag.valueFrom, flag.valueTo);
  const digits = /\d+/.exec(raw);
  if (!digits || digits[0] !== flag.value) return { refuse: `The worker count comes from ${where}, written in a way obsconf does not edit; change it there.` };
  const start = flag.valueFrom + digits.index;
  return {
    edit: { uri: file.uri, range: fileRange(file, start, start + digits[0].length), newText: String(workers) },
    note: `--workers ${flag.value} → ${workers} in ${label} (line ${source.at ? line(source.at) : '?'})`,
    where,
  };
}

/**
 * "Set worker count" for the container of `target` (found with
 * fixes/locate.ts workerTargetAt, whose setup is the rules' own).
 */
export function planWorkerCount(index: WorkspaceIndex, target: WorkerTarget, workers: number, pattern: string, queries: WorkspaceQueries = indexQueries(index)): WorkerCountResult {
  const fail = (message: string): WorkerCountResult => ({ edits: [], fileEdits: [], message, ok: false });
  const { workload, setup, container } = target;
  if (!Number.isInteger(workers) || workers < 1 || workers > 1000) return fail('The worker count must be a whole number from 1 to 1000.');
  if (setup.unknown.length) return fail(`${setup.unknown.map((u) => u.name).join(' and ')} come from valueFrom; set the count where that value is defined.`);
  if (setup.startPort === undefined) return fail(`${START_PORT_ENV} has no literal value, so the metrics ports cannot be computed.`);
  const doc = workload.doc;
  const blocks: BlockTarget = { workers, startPort: setup.startPort, pattern };
  if (blocks.startPort + workers - 1 > 65535) return fail(`${START_PORT_ENV} ${blocks.startPort} + ${workers} workers goes past port 65535.`);
  const edits: DocEdit[] = [];
  const fileEdits: FileEdit[] = [];
  const notes: string[] = [];

  // Where gunicorn really takes N from, when that is not WEB_CONCURRENCY.
  const from = setup.workersFile;
  if (from && setup.process && (from.kind === 'config' || from.kind === 'dockerfile' || from.kind === 'procfile')) {
    const plan = from.kind === 'config' ? planConfigOverride(setup.process, from, workers) : planCommandOverride(setup.process, from, workers);
    if ('refuse' in plan) return fail(plan.refuse);
    if (plan.edit) {
      const others = from.at ? sharers(index, queries, target, from.at) : [];
      if (others.length) {
        return fail(
          `The worker count comes from ${plan.where}, which overrides ${WORKERS_ENV} and is read by ${others.join(', ')} as well; changing it would change their workers too. Set the count there by hand, or move it into each container's ${WORKERS_ENV}.`,
        );
      }
      fileEdits.push(plan.edit);
      notes.push(plan.note!);
    }
  } else {
    // The override the rules took N from, in the container itself: a --workers that is not a number cannot be set.
    const effective = setup.overrides.find((o) => o.span === setup.workersSpan);
    if (effective && effective.count === undefined) {
      const place = effective.where === GUNICORN_ARGS_ENV ? GUNICORN_ARGS_ENV : `the container ${effective.where}`;
      return fail(`The worker count comes from --workers ${effective.text} in ${place}, which overrides ${WORKERS_ENV} and is not a number obsconf can set. Use --workers=$(${WORKERS_ENV}) there, or a number, and run Set worker count again.`);
    }
  }

  const envVar = container.env.find((e) => e.name === WORKERS_ENV);
  if (envVar?.value) {
    const edit = replaceScalar(doc, envVar.value.span, String(workers));
    if (!edit) return fail(`${WORKERS_ENV}'s value is a block scalar; edit it by hand.`);
    edits.push(edit);
  } else {
    const add = planSequence({
      host: { doc, parent: container.node, key: 'env' },
      workerOf: () => undefined,
      add: [{ worker: Number.MAX_SAFE_INTEGER, fields: [{ key: 'name', value: WORKERS_ENV }, { key: 'value', value: String(workers) }] }],
      remove: [],
    });
    if (!add) return fail(`The env list of container "${container.name?.value ?? '?'}" is in flow style; add ${WORKERS_ENV} by hand.`);
    edits.push(...add);
  }
  // Every literal --workers in the container follows, the ones gunicorn's precedence hides included, so none disagrees later.
  for (const override of setup.overrides) {
    if (override.count === undefined) continue;
    const text = doc.text.slice(override.span.start, override.span.end);
    const match = /\d+(?!.*\d)/.exec(text);
    if (match?.index === undefined) continue;
    const start = override.span.start + match.index;
    edits.push({ doc, start, end: start + match[0].length, newText: String(workers) });
  }

  const containerEdits = planContainerPorts(workload, container, blocks, { removeExtra: true });
  if (!containerEdits) return fail(`The ports of container "${container.name?.value ?? '?'}" are in flow style; they cannot be edited in place.`);
  edits.push(...containerEdits);

  // Only Services and ServiceMonitors that already carry numbered worker entries take part.
  const services = queries.servicesSelecting(workload).filter((s) => s.ports.some((p) => workerOfPortName(pattern, p.name?.value) !== undefined));
  for (const service of services) {
    const serviceEdits = planServicePorts(workload, container, service, blocks, { removeExtra: true });
    if (!serviceEdits) return fail(`The ports of Service ${service.name} cannot be edited in place (flow style).`);
    edits.push(...serviceEdits);
    const names = Array.from({ length: workers }, (_, i) => ({ worker: i + 1, name: portNameFor(pattern, i + 1) }));
    for (const monitor of queries.serviceMonitorsSelecting(service).filter((m) => m.endpoints.some((e) => workerOfPortName(pattern, e.port?.value) !== undefined))) {
      const monitorEdits = planEndpoints(monitor, names, pattern, workers);
      if (!monitorEdits) return fail(`The endpoints of ServiceMonitor ${monitor.name} cannot be edited in place (flow style).`);
      edits.push(...monitorEdits);
    }
  }
  const unique = dedupe(edits);
  const count = unique.length + fileEdits.length;
  const files = new Set([...unique.map((e) => e.doc.file.uri), ...fileEdits.map((e) => e.uri)]).size;
  const message = `Set ${workers} worker${workers === 1 ? '' : 's'}: ${count} edit${count === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.`;
  const notice = notes.length
    ? `The worker count is overridden outside the manifest, so it was changed there too: ${notes.join('; ')}. That file is part of the image: rebuild and deploy the image for the new count to take effect.`
    : undefined;
  return { edits: unique, fileEdits, message: notice ? `${message} ${notice}` : message, notice, ok: true };
}
