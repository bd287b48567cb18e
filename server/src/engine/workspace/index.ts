import { classifyAfterChange, classifyContent, DEFAULT_MAX_FILE_BYTES, FileContentKind, TextChange, YamlDoc, YamlDocuments } from '../documents/yamlFile';
import { extractObject, K8sObject, LabelSelector, Monitor, Service, Workload } from '../model/kubernetes';
import { labelSelectorMatches, serviceSelectorMatches } from './selectors';

export type TextSource = 'disk' | 'editor';

export class IndexedFile {
  kind: FileContentKind = 'yaml';
  source: TextSource = 'disk';
  version = 0;
  readonly documents: YamlDocuments;
  private textValue: string | (() => string);

  constructor(
    readonly uri: string,
    text: string | (() => string),
  ) {
    this.textValue = text;
    this.documents = new YamlDocuments(this);
  }

  /** The file's text. An editor's text may be given as a function: it is joined only when something reads it. */
  get text(): string {
    if (typeof this.textValue !== 'string') this.textValue = this.textValue();
    return this.textValue;
  }

  set text(value: string | (() => string)) {
    this.textValue = value;
  }

  get docs(): YamlDoc[] {
    return this.documents.docs;
  }
}

export interface IndexChange {
  uri: string;
  removedDocs: YamlDoc[];
  addedDocs: YamlDoc[];
  removedObjects: K8sObject[];
  addedObjects: K8sObject[];
  /** The file's kind changed (e.g. it became a template): its file-level notes must be recomputed. */
  fileChanged: boolean;
}

class NamespaceBucket {
  readonly workloads = new Set<Workload>();
  readonly services = new Set<Service>();
  readonly monitors = new Set<Monitor>();
  readonly workloadsByPodLabel = new Map<string, Set<Workload>>();
  readonly servicesBySelectorPair = new Map<string, Set<Service>>();
}

const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/**
 * Every YAML file of the workspace, its documents and the Kubernetes objects
 * they declare, with lookup tables for the selector queries the rules make.
 */
export class WorkspaceIndex {
  readonly files = new Map<string, IndexedFile>();
  private readonly namespaces = new Map<string, NamespaceBucket>();
  private readonly servicesByLabel = new Map<string, Set<Service>>();
  private readonly allServices = new Set<Service>();
  private readonly workloadsByPodLabel = new Map<string, Set<Workload>>();
  private readonly allWorkloads = new Set<Workload>();
  private readonly serviceMonitorsByFirstLabel = new Map<string, Set<Monitor>>();
  private readonly serviceMonitorsUnkeyed = new Set<Monitor>();
  readonly allMonitors = new Set<Monitor>();

  constructor(public maxFileBytes = DEFAULT_MAX_FILE_BYTES) {}

  /** Sets a file's text. Text from disk never replaces the text of an open editor. */
  /** `change`, when given, is the edit that turned the file's current text into `text` (it makes the update incremental). */
  setFile(uri: string, textOrGetter: string | (() => string), source: TextSource, version = 0, change?: TextChange): IndexChange | undefined {
    let file = this.files.get(uri);
    if (file && file.source === 'editor' && source === 'disk') return undefined;
    // Only an edit may leave the text unread: without one, the text is compared and classified in full.
    const text = change ? textOrGetter : typeof textOrGetter === 'string' ? textOrGetter : textOrGetter();
    // With an edit there is no need to compare the texts (a large one would be flattened and read in full).
    if (file && typeof text === 'string' && file.text === text && file.source === source) {
      file.version = version;
      return undefined;
    }
    const isNew = !file;
    if (!file) {
      file = new IndexedFile(uri, text);
      this.files.set(uri, file);
    }
    const previousKind = file.kind;
    // The edit applies to the text the index holds only if that came from the same editor.
    const edit = !isNew && file.source === source ? change : undefined;
    file.text = text;
    file.source = source;
    file.version = version;
    const current = file;
    file.kind = edit
      ? classifyAfterChange(
          previousKind,
          file.documents.length + edit.text.length - edit.removed,
          edit,
          file.documents.textAt(edit.offset - 1, edit.offset) + file.documents.textAt(edit.offset + edit.removed, edit.offset + edit.removed + 1),
          () => current.text,
          this.maxFileBytes,
          uri,
        )
      : classifyContent(file.text, this.maxFileBytes, uri);
    const delta = file.kind === 'yaml' ? file.documents.update(() => current.text, edit) : file.documents.clear();
    return this.applyDelta(uri, delta.removed, delta.added, isNew || previousKind !== file.kind);
  }

  /** The editor closed the file: from now on the disk's text (if any) counts again. */
  releaseEditor(uri: string): void {
    const file = this.files.get(uri);
    if (file) file.source = 'disk';
  }

  removeFile(uri: string): IndexChange | undefined {
    const file = this.files.get(uri);
    if (!file) return undefined;
    this.files.delete(uri);
    return this.applyDelta(uri, file.documents.clear().removed, [], true);
  }

  private applyDelta(uri: string, removedDocs: YamlDoc[], addedDocs: YamlDoc[], fileChanged: boolean): IndexChange {
    const removedObjects: K8sObject[] = [];
    const addedObjects: K8sObject[] = [];
    for (const doc of removedDocs) {
      for (const object of doc.objects as K8sObject[]) {
        this.unregister(object);
        removedObjects.push(object);
      }
    }
    for (const doc of addedDocs) {
      const object = extractObject(doc);
      doc.objects = object ? [object] : [];
      if (object) {
        this.register(object);
        addedObjects.push(object);
      }
    }
    return { uri, removedDocs, addedDocs, removedObjects, addedObjects, fileChanged };
  }

  private bucket(namespace: string): NamespaceBucket {
    let bucket = this.namespaces.get(namespace);
    if (!bucket) this.namespaces.set(namespace, (bucket = new NamespaceBucket()));
    return bucket;
  }

  private register(object: K8sObject): void {
    this.updateLookups(object, true);
  }

  private unregister(object: K8sObject): void {
    this.updateLookups(object, false);
  }

  /** Adds an object to every lookup table that holds its kind, or takes it out of them: one list, so the two stay in step. */
  private updateLookups(object: K8sObject, add: boolean): void {
    const bucket = this.bucket(object.namespace);
    const put = <V>(set: Set<V>, value: V) => (add ? set.add(value) : set.delete(value));
    const keyed = add ? addTo : removeFrom;
    switch (object.category) {
      case 'workload':
        put(bucket.workloads, object);
        put(this.allWorkloads, object);
        for (const [k, v] of object.podLabels) {
          keyed(bucket.workloadsByPodLabel, pairKey(k, v), object);
          keyed(this.workloadsByPodLabel, pairKey(k, v), object);
        }
        break;
      case 'service':
        put(bucket.services, object);
        put(this.allServices, object);
        for (const [k, v] of object.selector ?? []) keyed(bucket.servicesBySelectorPair, pairKey(k, v), object);
        for (const [k, v] of object.labels) keyed(this.servicesByLabel, pairKey(k, v), object);
        break;
      case 'servicemonitor':
      case 'podmonitor': {
        put(bucket.monitors, object);
        put(this.allMonitors, object);
        if (object.category === 'servicemonitor') {
          const first = object.selector?.matchLabels.entries().next().value as [string, string] | undefined;
          if (first) keyed(this.serviceMonitorsByFirstLabel, pairKey(first[0], first[1]), object);
          else put(this.serviceMonitorsUnkeyed, object);
        }
        break;
      }
      default:
        break;
    }
  }

  // ---- queries (no dependency tracking here: see RuleContext)

  workloadsIn(namespace: string): ReadonlySet<Workload> {
    return this.namespaces.get(namespace)?.workloads ?? new Set();
  }

  /** The Services of a namespace; '*' for every namespace. */
  servicesIn(namespace: string): ReadonlySet<Service> {
    if (namespace === '*') return this.allServices;
    return this.namespaces.get(namespace)?.services ?? new Set();
  }

  /** Workloads in `namespace` whose pods a Service selector picks. */
  workloadsSelectedBy(namespace: string, selector: Map<string, string> | undefined): Workload[] {
    if (!selector || selector.size === 0) return [];
    const [k, v] = selector.entries().next().value as [string, string];
    const candidates = this.namespaces.get(namespace)?.workloadsByPodLabel.get(pairKey(k, v));
    return candidates ? [...candidates].filter((w) => serviceSelectorMatches(selector, w.podLabels)) : [];
  }

  /** Services in the workload's namespace that select its pods. */
  servicesSelecting(workload: Workload): Service[] {
    const bucket = this.namespaces.get(workload.namespace);
    if (!bucket) return [];
    const found = new Set<Service>();
    for (const [k, v] of workload.podLabels) {
      for (const service of bucket.servicesBySelectorPair.get(pairKey(k, v)) ?? []) {
        if (serviceSelectorMatches(service.selector, workload.podLabels)) found.add(service);
      }
    }
    return [...found];
  }

  /** Services in any namespace whose labels a label selector matches. */
  servicesMatchingLabels(selector: LabelSelector): Service[] {
    const first = selector.matchLabels.entries().next().value as [string, string] | undefined;
    const candidates = first ? this.servicesByLabel.get(pairKey(first[0], first[1])) ?? [] : this.allServices;
    return [...candidates].filter((s) => labelSelectorMatches(selector, s.labels));
  }

  /** Workloads in any namespace whose pod labels a label selector matches. */
  workloadsMatchingLabels(selector: LabelSelector): Workload[] {
    const first = selector.matchLabels.entries().next().value as [string, string] | undefined;
    const candidates = first ? this.workloadsByPodLabel.get(pairKey(first[0], first[1])) ?? [] : this.allWorkloads;
    return [...candidates].filter((w) => labelSelectorMatches(selector, w.podLabels));
  }

  /** ServiceMonitors (any namespace) whose label selector matches the Service's labels; namespaces are the caller's business. */
  serviceMonitorsMatchingLabels(service: Service): Monitor[] {
    const found = new Set<Monitor>();
    for (const [k, v] of service.labels) {
      for (const monitor of this.serviceMonitorsByFirstLabel.get(pairKey(k, v)) ?? []) found.add(monitor);
    }
    for (const monitor of this.serviceMonitorsUnkeyed) found.add(monitor);
    return [...found].filter((m) => m.selector !== undefined && labelSelectorMatches(m.selector, service.labels));
  }

  *allDocs(): Iterable<YamlDoc> {
    for (const file of this.files.values()) yield* file.docs;
  }
}
