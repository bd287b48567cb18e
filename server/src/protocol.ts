/** Settings the client sends under the `obsconf` section, shared by client and server. */
export interface ObsconfClientSettings {
  rules?: Record<string, string>;
  wiring?: { portNamePattern?: string };
  maxFileSizeMB?: number;
  prometheus?: { version?: string };
  collectors?: { nameValidationScheme?: string };
}

/** Custom notification: the server tells the client its state and problem count (for the status bar). */
export const STATUS_NOTIFICATION = 'obsconf/status';

export interface StatusParams {
  state: 'indexing' | 'ready';
  files: number;
  errors: number;
  warnings: number;
}

/** Commands the server executes (workspace/executeCommand); the client's palette commands call them. */
export const SERVER_COMMANDS = {
  setWorkerCount: 'obsconf.server.setWorkerCount',
  newStack: 'obsconf.server.newDjangoMetricsStack',
  convertHelm: 'obsconf.server.convertToHelm',
} as const;

/** Palette commands of the client (package.json contributes.commands). */
export const CLIENT_COMMANDS = {
  setWorkerCount: 'obsconf.setWorkerCount',
  newStack: 'obsconf.newDjangoMetricsStack',
  convertHelm: 'obsconf.convertToHelm',
} as const;

export interface SetWorkerCountParams {
  uri: string;
  /** Where the cursor is: the container around it is meant (default: the file's first worker container). */
  position?: { line: number; character: number };
  workers: number;
  /** Return the edit without applying it. */
  dryRun?: boolean;
}

export interface SetWorkerCountResult {
  applied: boolean;
  message: string;
  /** Set when an override of WEB_CONCURRENCY outside the manifest (gunicorn config, Dockerfile, Procfile) was changed too: where, and that the image must be rebuilt. */
  notice?: string;
  /** The workspace edit (LSP WorkspaceEdit), also when applied. */
  edit?: unknown;
}

export interface NewStackParams {
  appName: string;
  namespace: string;
  image: string;
  httpPort: number;
  workers: number;
  startPort: number;
  scrapeInterval: string;
  /** One multi-document file, or deployment/service/servicemonitor files. */
  layout: 'single' | 'split';
}

export interface GeneratedFile {
  /** File name relative to the target folder. */
  name: string;
  text: string;
}

export interface NewStackResult {
  files?: GeneratedFile[];
  error?: string;
}

export interface ConvertHelmParams {
  uri: string;
  position?: { line: number; character: number };
}

export interface ConvertHelmResult {
  error?: string;
  /** values.yaml block, then the template parts, as one text (for a new editor). */
  text?: string;
  /** Replaces the numbered blocks in place with the loops (the files become Helm templates). */
  edit?: unknown;
  valuesBlock?: string;
}

/** Custom request: run a relabel list over sample labels (the relabel preview). Without `labels`, returns suggested samples. */
export const RELABEL_PREVIEW_REQUEST = 'obsconf/relabelPreview';

export interface RelabelPreviewParams {
  uri: string;
  /** A position on the relabel list's key or inside the list. */
  position: { line: number; character: number };
  /** Sample targets as YAML/JSON: a label set, a list of them, or file_sd groups. */
  labels?: string;
}

export interface RelabelPreviewResult {
  /** Suggested sample labels (YAML), when `labels` was not given. */
  samples?: string;
  /** The step-by-step table. */
  markdown?: string;
  /** The same result as data. */
  json?: unknown;
  error?: string;
}

/** Custom requests of the stack features (Alertmanager cluster, config reload, SLO error budgets). */
export const STACK_REQUESTS = {
  errorBudget: 'obsconf/errorBudget',
  generateAlertmanagerCluster: 'obsconf/generateAlertmanagerCluster',
  generateReloadService: 'obsconf/generateReloadService',
  generateSloRules: 'obsconf/generateSloRules',
} as const;

export interface ErrorBudgetParams {
  /** "99.9", "99.9%" or "0.999". */
  objective: string;
}

export interface ErrorBudgetResult {
  error?: string;
  ratio?: number;
  /** "99.9 %". */
  objectiveText?: string;
  /** The allowed failures per window: 30 days, a quarter, a year. */
  budgets?: { label: string; seconds: number; text: string }[];
  markdown?: string;
}

export interface GenerateAlertmanagerClusterParams {
  instances: number;
  nodes: string[];
  webPort?: number;
  clusterPort?: number;
  firstPublishedPort?: number;
  alias?: string;
  network?: string;
  image?: string;
}

export interface GenerateReloadServiceParams {
  target: 'compose' | 'kubernetes';
  intervalSeconds: number;
  configDir?: string;
  prometheusName?: string;
  port?: number;
  configMap?: string;
  namespace?: string;
}

export interface GenerateSloRulesParams {
  service: string;
  slo: string;
  /** "99.9", "99.9%" or "0.999". */
  objective: string;
  /** PromQL with `$window` for the range. */
  errorQuery: string;
  totalQuery: string;
  format: 'rules' | 'prometheus-operator';
  namespace?: string;
}

export interface GeneratedFilesResult {
  files?: GeneratedFile[];
  error?: string;
}

/** Custom requests of the custom collector preview (server/src/handlers/collectorPreview.ts). */
export const COLLECTOR_REQUESTS = {
  /** The exposition text a Python file's collectors render (the one at `position`, else all). */
  preview: 'obsconf/collectorPreview',
  /** Where the samples file goes and the text of a new one for the file's collectors. */
  samples: 'obsconf/collectorSamples',
} as const;

export interface CollectorPreviewParams {
  uri: string;
  position?: { line: number; character: number };
}

export interface CollectorPreviewResult {
  text?: string;
  title?: string;
  error?: string;
}

export interface CollectorSamplesParams {
  uri: string;
}

export interface CollectorSamplesResult {
  uri?: string;
  content?: string;
  exists?: boolean;
  error?: string;
}
