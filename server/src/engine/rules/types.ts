import type { Range } from '../documents/lineIndex';
import type { Span } from '../documents/yamlAccess';
import type { YamlDoc } from '../documents/yamlFile';
import type { K8sObject, Monitor, Service, Workload } from '../model/kubernetes';
import type { IndexedFile } from '../workspace/index';
import type { EngineSettings } from '../settings';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export type ObjectCategory = K8sObject['category'];

/** Where a finding points: a span of a parsed document, or a range of a file that was not parsed. */
export type Target = { doc: YamlDoc; span: Span } | { uri: string; range: Range };

export interface RelatedInput {
  at: Target;
  message: string;
}

/** A text edit at a target, applied by quick fixes (the fixes module turns these into workspace edits). */
export interface FixInput {
  title: string;
  /** Safe fixes run in "fix all" and `--fix`; unsafe ones only on request. */
  safe: boolean;
  edits: { at: Target; newText: string }[];
}

export interface FindingInput {
  at: Target;
  message: string;
  related?: RelatedInput[];
  fixes?: FixInput[];
  /** Extra facts for code actions and hovers (kept in Diagnostic.data). */
  data?: Record<string, unknown>;
}

export interface Finding extends FindingInput {
  ruleId: string;
  severity: Severity;
}

export interface RuleDocs {
  /** One sentence: what the rule checks. */
  summary: string;
  /** Why it matters, in a few sentences. */
  why: string;
  /** A minimal manifest that triggers the rule (checked by the docs test). */
  bad?: string;
  /** The same manifest, corrected. */
  good?: string;
  /** The file name the examples are checked and shown under (default docs-example.yaml), for rules that read other files. */
  exampleFile?: string;
  /** Other files of the examples' workspace (file name → text), for rules that look across files: shown with the examples and checked with them. */
  otherFiles?: Record<string, string>;
}

interface RuleBase {
  id: string;
  severity: Severity;
  docs: RuleDocs;
  fix?: 'none' | 'sometimes' | 'always';
}

/**
 * The queries a rule may ask of the workspace. Each records what the answer
 * depended on, so that an edit re-checks exactly the objects it can affect.
 */
export interface WorkspaceQueries {
  workloadsSelectedBy(service: Service): Workload[];
  workloadCountIn(namespace: string): number;
  servicesSelecting(workload: Workload): Service[];
  /** Services a ServiceMonitor picks, and those its label selector matches in namespaces its namespaceSelector excludes. */
  servicesSelectedBy(monitor: Monitor): { selected: Service[]; excluded: Service[] };
  /** Workloads whose pod labels the monitor's selector matches: pods for a PodMonitor, a hint for a ServiceMonitor. */
  workloadsSelectedBy(monitor: Monitor): { selected: Workload[]; excluded: Workload[] };
  serviceMonitorsSelecting(service: Service): Monitor[];
  /** How many Services the workspace defines in a namespace ('*': in all of them). */
  serviceCountIn(namespace: string): number;
  /**
   * Indexed files whose base name matches `pattern` (gunicorn.conf.py, a
   * Dockerfile, Django settings), in URI order. Tracked: the asking document is
   * re-checked when such a file appears, changes or goes. Optional so that
   * query stubs need not implement it.
   */
  filesNamed?(pattern: RegExp): IndexedFile[];
}

export interface ObjectRuleContext<T extends K8sObject> {
  object: T;
  settings: EngineSettings;
  workspace: WorkspaceQueries;
  report(finding: FindingInput): void;
}

export interface DocumentRuleContext {
  doc: YamlDoc;
  settings: EngineSettings;
  /** For a rule with `crossFile`: the live documents of the workspace its `reads` test accepts. */
  crossFileDocs?: ReadonlySet<YamlDoc>;
  report(finding: FindingInput): void;
}

export interface FileRuleContext {
  file: IndexedFile;
  settings: EngineSettings;
  /** For a rule with `crossFile`: the indexed files its `reads` test accepts, by URI. */
  crossFiles?: ReadonlyMap<string, IndexedFile>;
  report(finding: FindingInput): void;
}

export interface ObjectRule<T extends K8sObject = K8sObject> extends RuleBase {
  scope: 'object';
  appliesTo: readonly T['category'][];
  check(context: ObjectRuleContext<T>): void;
}

export interface DocumentRule extends RuleBase {
  scope: 'document';
  /**
   * For a rule whose findings depend on other documents (a prometheus.yml on the
   * stack files of the workspace): `reads` accepts the documents it reads,
   * `subjects` those it reports on. When a document `reads` accepts appears,
   * changes or goes, the linter re-checks every subject. Both tests must be
   * cheap and depend on the document's own text only.
   */
  crossFile?: { reads: (doc: YamlDoc) => boolean; subjects: (doc: YamlDoc) => boolean };
  check(context: DocumentRuleContext): void;
}

export interface FileRule extends RuleBase {
  scope: 'file';
  /**
   * For a rule whose findings on a file depend on other files (a collector on
   * fixtures with sample rows): `reads` accepts the URIs of the files it reads,
   * `subjects` those it reports on. When a file `reads` accepts appears, changes
   * or goes, the linter re-checks every subject. Both tests look at the URI only.
   */
  crossFile?: { reads: (uri: string) => boolean; subjects: (uri: string) => boolean };
  check(context: FileRuleContext): void;
}

/** Rules reported by the engine itself (suppressions), listed so that they have docs and severities. */
export interface EngineRule extends RuleBase {
  scope: 'engine';
}

export type Rule = ObjectRule<any> | DocumentRule | FileRule | EngineRule; // eslint-disable-line @typescript-eslint/no-explicit-any

export function defineObjectRule<T extends K8sObject>(rule: Omit<ObjectRule<T>, 'scope'>): ObjectRule<T> {
  return { ...rule, scope: 'object' };
}

export function defineDocumentRule(rule: Omit<DocumentRule, 'scope'>): DocumentRule {
  return { ...rule, scope: 'document' };
}

export function defineFileRule(rule: Omit<FileRule, 'scope'>): FileRule {
  return { ...rule, scope: 'file' };
}

export function defineEngineRule(rule: Omit<EngineRule, 'scope'>): EngineRule {
  return { ...rule, scope: 'engine' };
}

export function at(doc: YamlDoc, span: Span): Target {
  return { doc, span };
}
