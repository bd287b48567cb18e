import type { TextChange, YamlDoc } from './documents/yamlFile';
import type { K8sObject, LabelSelector, Monitor, Service, Workload } from './model/kubernetes';
import { ALL_RULES, RULES_BY_ID } from './rules/index';
import type {
  DocumentRule,
  FileRule,
  Finding,
  FindingInput,
  ObjectCategory,
  ObjectRule,
  Rule,
  Severity,
  WorkspaceQueries,
} from './rules/types';
import { DEFAULT_SETTINGS, EngineSettings } from './settings';
import { applySuppressions } from './suppressions';
import { IndexChange, IndexedFile, WorkspaceIndex } from './workspace/index';
import { labelSelectorMatches, namespaceAllowed, serviceSelectorMatches } from './workspace/selectors';

/** Lints of a whole file (notes about templates, binary content) are produced by this. */
class FileProducer {
  constructor(readonly uri: string) {}
}

type Producer = YamlDoc | FileProducer;

/**
 * "Re-check `producer` when an object of `category` in `namespace` (or any,
 * '*') that passes `test` appears or goes." With `keys`, only an object that
 * has one of these keys (see `objectKeys`) can pass the test, so an edit tests
 * a handful of dependencies instead of every one in the namespace.
 */
interface Dependency {
  producer: YamlDoc;
  category: ObjectCategory;
  namespace: string;
  test: (object: K8sObject) => boolean;
  keys?: string[];
}

const pair = (family: string, key: string, value: string) => `${family}\u0000${key}\u0000${value}`;

/**
 * The keys under which dependencies on `object` are found; undefined when the
 * object cannot be narrowed down (every dependency of its category is tested).
 * They mirror the keys of the queries in `Linter.queriesFor`:
 *   pod:  a workload's pod labels (Service and monitor selectors match them);
 *   lbl:  a Service's labels (ServiceMonitor selectors match them);
 *   sel:  a Service selector's first pair (it must be among the pod labels it selects);
 *   msel: a ServiceMonitor's first matchLabels pair (it must be among the Service's labels).
 */
function objectKeys(object: K8sObject): string[] | undefined {
  switch (object.category) {
    case 'workload':
      return [...object.podLabels].map(([k, v]) => pair('pod', k, v));
    case 'service': {
      const keys = [...object.labels].map(([k, v]) => pair('lbl', k, v));
      const first = object.selector?.entries().next().value as [string, string] | undefined;
      if (first) keys.push(pair('sel', first[0], first[1]));
      return keys;
    }
    case 'servicemonitor':
    case 'podmonitor': {
      if (!object.selector) return [];
      const first = object.selector.matchLabels.entries().next().value as [string, string] | undefined;
      return first ? [pair('msel', first[0], first[1])] : undefined;
    }
    default:
      return undefined;
  }
}

/** Dependencies by category and namespace, and by key. */
class DependencyIndex {
  private readonly all = new Map<string, Set<Dependency>>();
  private readonly unkeyed = new Map<string, Set<Dependency>>();
  private readonly keyed = new Map<string, Map<string, Set<Dependency>>>();
  private readonly byProducer = new Map<YamlDoc, Dependency[]>();

  add(dependency: Dependency): void {
    const bucket = `${dependency.category}\u0000${dependency.namespace}`;
    addTo(this.all, bucket, dependency);
    if (dependency.keys === undefined) addTo(this.unkeyed, bucket, dependency);
    else {
      let byKey = this.keyed.get(bucket);
      if (!byKey) this.keyed.set(bucket, (byKey = new Map()));
      for (const key of dependency.keys) addTo(byKey, key, dependency);
    }
    let list = this.byProducer.get(dependency.producer);
    if (!list) this.byProducer.set(dependency.producer, (list = []));
    list.push(dependency);
  }

  drop(producer: YamlDoc): void {
    for (const dependency of this.byProducer.get(producer) ?? []) {
      const bucket = `${dependency.category}\u0000${dependency.namespace}`;
      this.all.get(bucket)?.delete(dependency);
      if (dependency.keys === undefined) this.unkeyed.get(bucket)?.delete(dependency);
      else {
        const byKey = this.keyed.get(bucket);
        for (const key of dependency.keys) byKey?.get(key)?.delete(dependency);
      }
    }
    this.byProducer.delete(producer);
  }

  /** Every dependency that `object` may satisfy (the caller runs the tests). */
  *candidates(object: K8sObject): Iterable<Dependency> {
    const keys = objectKeys(object);
    for (const namespace of [object.namespace, '*']) {
      const bucket = `${object.category}\u0000${namespace}`;
      if (keys === undefined) {
        yield* this.all.get(bucket) ?? [];
        continue;
      }
      yield* this.unkeyed.get(bucket) ?? [];
      const byKey = this.keyed.get(bucket);
      if (byKey) for (const key of keys) yield* byKey.get(key) ?? [];
    }
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** The key of a label selector's first matchLabels pair, or undefined (unkeyed) when it has none. */
function firstMatchLabel(selector: LabelSelector, family: string): string[] | undefined {
  const first = selector.matchLabels.entries().next().value as [string, string] | undefined;
  return first ? [pair(family, first[0], first[1])] : undefined;
}

/**
 * Query answers in a fixed order (file, then position), whatever order the
 * index learnt them in: the editor, after any history of edits, and the CLI
 * must word a finding the same way.
 */
function inFileOrder<T extends K8sObject>(objects: T[]): T[] {
  if (objects.length < 2) return objects;
  return objects.sort((a, b) => (a.doc.file.uri < b.doc.file.uri ? -1 : a.doc.file.uri > b.doc.file.uri ? 1 : a.doc.startOffset - b.doc.startOffset));
}

export function targetUri(finding: Finding): string {
  return 'doc' in finding.at ? finding.at.doc.file.uri : finding.at.uri;
}

/**
 * The incremental lint engine: it owns the workspace index, knows which
 * documents each result depended on, and re-checks only what an edit touched.
 */
export class Linter {
  readonly index: WorkspaceIndex;
  private settings: EngineSettings = DEFAULT_SETTINGS;
  private readonly rules: readonly Rule[];
  private readonly results = new Map<Producer, Finding[]>();
  private readonly producersByTargetUri = new Map<string, Set<Producer>>();
  private readonly fileProducers = new Map<string, FileProducer>();
  private readonly dirtyDocs = new Set<YamlDoc>();
  private readonly dirtyFiles = new Set<string>();
  private readonly changedUris = new Set<string>();
  private readonly dependencies = new DependencyIndex();
  /** Cross-file document rules: the live documents each of their `reads`/`subjects` tests accepts. */
  private readonly crossFileDocs = new Map<(doc: YamlDoc) => boolean, Set<YamlDoc>>();
  /** Cross-file file rules: the indexed files each `reads` test accepts. */
  private readonly crossFiles = new Map<(uri: string) => boolean, Map<string, IndexedFile>>();
  /** `filesNamed` queries: the name patterns each document asked about, and the answers until a file comes or goes. */
  private readonly fileNameDependencies = new Map<YamlDoc, RegExp[]>();
  private readonly filesByPattern = new Map<string, IndexedFile[]>();
  /** Every pattern `filesNamed` was asked about (a superset of those in use): most changed files match none, and skip the scan. */
  private readonly fileNamePatterns = new Map<string, RegExp>();

  constructor(rules: readonly Rule[] = ALL_RULES, settings: EngineSettings = DEFAULT_SETTINGS) {
    this.rules = rules;
    this.settings = settings;
    this.index = new WorkspaceIndex(settings.maxFileBytes);
    for (const rule of rules) {
      if (rule.scope !== 'document' || !rule.crossFile) continue;
      for (const test of [rule.crossFile.reads, rule.crossFile.subjects]) if (!this.crossFileDocs.has(test)) this.crossFileDocs.set(test, new Set());
    }
    for (const rule of rules) if (rule.scope === 'file' && rule.crossFile && !this.crossFiles.has(rule.crossFile.reads)) this.crossFiles.set(rule.crossFile.reads, new Map());
  }

  getSettings(): EngineSettings {
    return this.settings;
  }

  /** New settings: everything is checked again. */
  configure(settings: EngineSettings): void {
    this.settings = settings;
    this.active = undefined;
    this.index.maxFileBytes = settings.maxFileBytes;
    for (const file of this.index.files.values()) {
      this.dirtyFiles.add(file.uri);
      for (const doc of file.docs) this.dirtyDocs.add(doc);
    }
  }

  /** `edit`, when given, is the edit that turned the file's previous text into `text`: only the documents around it are compared. */
  setFile(uri: string, text: string | (() => string), source: 'disk' | 'editor', version = 0, edit?: TextChange): void {
    if (!this.index.files.has(uri)) this.filesByPattern.clear();
    // With a backlog (the first lint of a large workspace), what an editor change makes dirty goes first.
    const backlog = source === 'editor' && this.dirtyDocs.size > 0 ? new Set(this.dirtyDocs) : undefined;
    const change = this.index.setFile(uri, text, source, version, edit);
    if (change) {
      // A file that is not parsed into documents (Python, templates) is checked by file rules on every change.
      if (this.index.files.get(uri)?.kind !== 'yaml') change.fileChanged = true;
      this.apply(change);
    }
    else if (source === 'editor') this.changedUris.add(uri);
    if (backlog) for (const doc of this.dirtyDocs) if (!backlog.has(doc)) this.urgentDocs.add(doc);
  }

  removeFile(uri: string): void {
    this.filesByPattern.clear();
    const change = this.index.removeFile(uri);
    if (change) this.apply(change);
    this.changedUris.add(uri);
  }

  private apply(change: IndexChange): void {
    this.changedUris.add(change.uri);
    if (change.fileChanged) this.dirtyFiles.add(change.uri);
    for (const doc of change.removedDocs) this.forget(doc);
    for (const doc of change.addedDocs) this.dirtyDocs.add(doc);
    for (const object of [...change.removedObjects, ...change.addedObjects]) this.invalidateDependents(object);
    if (this.crossFileDocs.size > 0) this.trackCrossFile(change);
    if (this.crossFiles.size > 0) this.trackCrossFiles(change.uri);
    if (this.fileNameDependencies.size > 0) this.invalidateFileNameDependents(change.uri);
  }

  /** Re-checks the documents whose `filesNamed` answers a changed, new or deleted file belongs to. */
  private invalidateFileNameDependents(uri: string): void {
    const base = uri.slice(uri.lastIndexOf('/') + 1);
    let relevant = false;
    for (const pattern of this.fileNamePatterns.values()) if ((relevant = pattern.test(base))) break;
    if (!relevant) return;
    for (const [doc, patterns] of this.fileNameDependencies) if (!this.dirtyDocs.has(doc) && patterns.some((p) => p.test(base))) this.dirtyDocs.add(doc);
  }

  /** Keeps the files cross-file file rules read current and re-checks their subjects when one changes. */
  private trackCrossFiles(uri: string): void {
    const file = this.index.files.get(uri);
    const touched = new Set<(uri: string) => boolean>();
    for (const [test, files] of this.crossFiles) {
      if (!test(uri)) continue;
      if (file) files.set(uri, file);
      else files.delete(uri);
      touched.add(test);
    }
    if (touched.size === 0) return;
    for (const rule of this.rules) {
      if (rule.scope !== 'file' || !rule.crossFile || !touched.has(rule.crossFile.reads)) continue;
      for (const subject of this.index.files.keys()) if (subject !== uri && rule.crossFile.subjects(subject)) this.dirtyFiles.add(subject);
    }
  }

  /** Keeps the cross-file document sets current and re-checks the subjects of rules that read a changed document. */
  private trackCrossFile(change: IndexChange): void {
    const touched = new Set<(doc: YamlDoc) => boolean>();
    for (const [test, docs] of this.crossFileDocs) {
      for (const doc of change.removedDocs) if (docs.delete(doc)) touched.add(test);
      for (const doc of change.addedDocs) {
        if (test(doc)) {
          docs.add(doc);
          touched.add(test);
        }
      }
    }
    for (const rule of this.rules) {
      if (rule.scope !== 'document' || !rule.crossFile || !touched.has(rule.crossFile.reads)) continue;
      for (const doc of this.crossFileDocs.get(rule.crossFile.subjects) ?? []) this.dirtyDocs.add(doc);
    }
  }

  private forget(producer: Producer): void {
    this.dirtyDocs.delete(producer as YamlDoc);
    this.setResults(producer, []);
    this.results.delete(producer);
    if (producer instanceof FileProducer) return;
    this.dependencies.drop(producer);
    this.fileNameDependencies.delete(producer);
  }

  private invalidateDependents(object: K8sObject): void {
    for (const dependency of this.dependencies.candidates(object)) {
      if (!this.dirtyDocs.has(dependency.producer) && dependency.test(object)) this.dirtyDocs.add(dependency.producer);
    }
  }

  private setResults(producer: Producer, findings: Finding[]): void {
    for (const finding of this.results.get(producer) ?? []) {
      const uri = targetUri(finding);
      this.changedUris.add(uri);
      this.producersByTargetUri.get(uri)?.delete(producer);
    }
    this.results.set(producer, findings);
    for (const finding of findings) {
      const uri = targetUri(finding);
      this.changedUris.add(uri);
      let producers = this.producersByTargetUri.get(uri);
      if (!producers) this.producersByTargetUri.set(uri, (producers = new Set()));
      producers.add(producer);
    }
  }

  /** Documents an editor change made dirty while a backlog was waiting: checked first. */
  private readonly urgentDocs = new Set<YamlDoc>();
  /** Whether the last `run` finished what an editor change made dirty (worth publishing at once, even with a backlog left). */
  urgentDone = false;

  /** Whether there is anything left to check. */
  get pending(): boolean {
    return this.dirtyDocs.size > 0 || this.dirtyFiles.size > 0;
  }

  /**
   * Checks what is dirty. With a deadline, stops early (leaving the rest dirty)
   * so that a server can answer other messages; returns the URIs whose
   * diagnostics may have changed.
   */
  run(shouldYield?: () => boolean): Set<string> {
    for (const uri of [...this.dirtyFiles]) {
      this.dirtyFiles.delete(uri);
      this.lintFile(uri);
    }
    this.urgentDone = false;
    let urgentWork = false;
    for (const doc of this.urgentDocs) {
      this.urgentDocs.delete(doc);
      if (!this.dirtyDocs.delete(doc)) continue;
      urgentWork = true;
      this.lintDoc(doc);
      if (shouldYield?.()) break;
    }
    if (urgentWork && this.urgentDocs.size === 0) this.urgentDone = true;
    if (this.urgentDocs.size === 0 && !(urgentWork && shouldYield?.())) {
      for (const doc of this.dirtyDocs) {
        this.dirtyDocs.delete(doc);
        this.lintDoc(doc);
        if (shouldYield?.()) break;
      }
    }
    const changed = new Set(this.changedUris);
    this.changedUris.clear();
    return changed;
  }

  /** The document rules, and the object rules per category, that are not off, with their severity (in registry order). */
  private active?: { document: { rule: DocumentRule; severity: Severity }[]; object: Map<string, { rule: ObjectRule; severity: Severity }[]> };

  private activeRules(): NonNullable<Linter['active']> {
    if (this.active) return this.active;
    const active: NonNullable<Linter['active']> = { document: [], object: new Map() };
    for (const rule of this.rules) {
      const severity = this.severityOf(rule);
      if (severity === 'off') continue;
      if (rule.scope === 'document') active.document.push({ rule, severity });
      else if (rule.scope === 'object') {
        for (const category of (rule as ObjectRule).appliesTo) {
          let list = active.object.get(category);
          if (!list) active.object.set(category, (list = []));
          list.push({ rule: rule as ObjectRule, severity });
        }
      }
    }
    return (this.active = active);
  }

  private severityOf(rule: Rule): Severity | 'off' {
    return this.settings.rules[rule.id] ?? rule.severity;
  }

  private lintFile(uri: string): void {
    let producer = this.fileProducers.get(uri);
    if (!producer) this.fileProducers.set(uri, (producer = new FileProducer(uri)));
    const file = this.index.files.get(uri);
    const findings: Finding[] = [];
    if (file) {
      for (const rule of this.rules) {
        if (rule.scope !== 'file') continue;
        const severity = this.severityOf(rule);
        if (severity === 'off') continue;
        this.runGuarded(rule, findings, severity, file, () =>
          (rule as FileRule).check({
            file,
            settings: this.settings,
            crossFiles: (rule as FileRule).crossFile ? this.crossFiles.get((rule as FileRule).crossFile!.reads) : undefined,
            report: (f) => findings.push({ ...f, ruleId: rule.id, severity }),
          }),
        );
      }
    }
    this.setResults(producer, findings);
  }

  private lintDoc(doc: YamlDoc): void {
    this.dependencies.drop(doc);
    this.fileNameDependencies.delete(doc);
    const findings: Finding[] = [];
    const file = this.index.files.get(doc.file.uri);
    const active = this.activeRules();
    for (const { rule, severity } of active.document) {
      this.runGuarded(rule, findings, severity, file, () =>
        rule.check({
          doc,
          settings: this.settings,
          crossFileDocs: rule.crossFile ? this.crossFileDocs.get(rule.crossFile.reads) : undefined,
          report: (f) => findings.push({ ...f, ruleId: rule.id, severity }),
        }),
      );
    }
    // A document with syntax errors gets the syntax findings only: what the parser recovered is a guess.
    const objects = doc.parsed.errors.length > 0 ? [] : (doc.objects as K8sObject[]);
    const queries = objects.length > 0 ? this.queriesFor(doc) : undefined;
    for (const object of objects) {
      for (const { rule, severity } of active.object.get(object.category) ?? []) {
        this.runGuarded(rule, findings, severity, file, () =>
          rule.check({
            object,
            settings: this.settings,
            workspace: queries!,
            report: (f: FindingInput) => findings.push({ ...f, ruleId: rule.id, severity }),
          }),
        );
      }
    }
    this.setResults(doc, findings);
  }

  /** A rule that throws is a bug in obsconf, not in the user's file: report it there instead of crashing. */
  private runGuarded(rule: Rule, findings: Finding[], _severity: Severity, file: IndexedFile | undefined, run: () => void): void {
    try {
      run();
    } catch (error) {
      if (!file) return;
      findings.push({
        ruleId: 'obsconf/internal-error',
        severity: 'warning',
        at: { uri: file.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
        message: `obsconf rule ${rule.id} failed on this file (${(error as Error).message}); please report it.`,
      });
    }
  }

  private depend(producer: YamlDoc, category: ObjectCategory, namespace: string, test: (object: K8sObject) => boolean, keys?: string[]): void {
    this.dependencies.add({ producer, category, namespace, test, keys });
  }

  private queriesFor(producer: YamlDoc): WorkspaceQueries {
    const index = this.index;
    const depend = this.depend.bind(this, producer);
    const always = () => true;
    return {
      filesNamed: (pattern) => {
        const patterns = this.fileNameDependencies.get(producer);
        if (patterns) patterns.push(pattern);
        else this.fileNameDependencies.set(producer, [pattern]);
        const key = `${pattern.source}/${pattern.flags}`;
        this.fileNamePatterns.set(key, pattern);
        let files = this.filesByPattern.get(key);
        if (!files) {
          files = [...index.files.values()].filter((f) => pattern.test(f.uri.slice(f.uri.lastIndexOf('/') + 1))).sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
          this.filesByPattern.set(key, files);
        }
        return files;
      },
      workloadsSelectedBy: ((subject: Service | Monitor) => {
        if (subject.category === 'service') {
          const first = subject.selector?.entries().next().value as [string, string] | undefined;
          depend('workload', subject.namespace, (w) => serviceSelectorMatches(subject.selector, (w as Workload).podLabels), first ? [pair('pod', first[0], first[1])] : undefined);
          return inFileOrder(index.workloadsSelectedBy(subject.namespace, subject.selector));
        }
        const selector = subject.selector;
        if (!selector) return { selected: [], excluded: [] };
        depend('workload', '*', (w) => labelSelectorMatches(selector, (w as Workload).podLabels), firstMatchLabel(selector, 'pod'));
        const selected: Workload[] = [];
        const excluded: Workload[] = [];
        for (const workload of inFileOrder(index.workloadsMatchingLabels(selector))) {
          (namespaceAllowed(subject.namespaceSelector, subject.namespace, workload.namespace) ? selected : excluded).push(workload);
        }
        return { selected, excluded };
      }) as WorkspaceQueries['workloadsSelectedBy'],
      workloadCountIn(namespace) {
        depend('workload', namespace, always);
        return index.workloadsIn(namespace).size;
      },
      serviceCountIn(namespace) {
        depend('service', namespace, always);
        return index.servicesIn(namespace).size;
      },
      servicesSelecting(workload) {
        depend('service', workload.namespace, (s) => serviceSelectorMatches((s as Service).selector, workload.podLabels), [...workload.podLabels].map(([k, v]) => pair('sel', k, v)));
        return inFileOrder(index.servicesSelecting(workload));
      },
      servicesSelectedBy(monitor) {
        const selector = monitor.selector;
        if (!selector) return { selected: [], excluded: [] };
        depend('service', '*', (s) => labelSelectorMatches(selector, s.labels), firstMatchLabel(selector, 'lbl'));
        const selected: Service[] = [];
        const excluded: Service[] = [];
        for (const service of inFileOrder(index.servicesMatchingLabels(selector))) {
          (namespaceAllowed(monitor.namespaceSelector, monitor.namespace, service.namespace) ? selected : excluded).push(service);
        }
        return { selected, excluded };
      },
      serviceMonitorsSelecting(service) {
        depend(
          'servicemonitor',
          '*',
          (m) => {
            const monitor = m as Monitor;
            return monitor.selector !== undefined && labelSelectorMatches(monitor.selector, service.labels);
          },
          [...service.labels].map(([k, v]) => pair('msel', k, v)),
        );
        return inFileOrder(index.serviceMonitorsMatchingLabels(service).filter((m) => namespaceAllowed(m.namespaceSelector, m.namespace, service.namespace)));
      },
    };
  }

  /** The findings located in a file, suppressions applied. */
  findingsFor(uri: string): Finding[] {
    const out: Finding[] = [];
    for (const producer of this.producersByTargetUri.get(uri) ?? []) {
      for (const finding of this.results.get(producer) ?? []) {
        if (targetUri(finding) === uri && (!('doc' in finding.at) || finding.at.doc.alive)) out.push(finding);
      }
    }
    const file = this.index.files.get(uri);
    return file ? applySuppressions(file, out, RULES_BY_ID, this.settings) : out;
  }

  /** Every URI that has findings or is indexed. */
  knownUris(): string[] {
    return [...new Set([...this.index.files.keys(), ...this.producersByTargetUri.keys()])];
  }
}
