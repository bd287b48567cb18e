/** Command-line parsing for `obsconf`. Pure: no I/O, so that it is tested directly. */

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckOptions {
  paths: string[];
  format: Format;
  /** An explicit `.obsconf.yaml`; undefined means "look for one". */
  config?: string;
  /** `--no-config`: use the built-in defaults only. */
  noConfig: boolean;
  /** Exit 1 when there are more warnings than this. */
  maxWarnings?: number;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; options: CheckOptions }
  | { kind: 'usage-error'; message: string };

export const USAGE = `Usage: obsconf check [paths…] [options]
       obsconf relabel <prometheus.yml|servicemonitor.yaml> --labels <targets.yaml> [--job NAME] [--format text|json]
       obsconf metrics <collector.py…> [--samples samples.yaml] [--format text|json|exposition]
       obsconf --help | --version

check    Checks the configuration that wires a Django/gunicorn app into Prometheus:
         Kubernetes manifests (Deployment, Service, ServiceMonitor, …), Prometheus and
         Alertmanager configs, stack files, gunicorn/Django settings, collectors.
         Paths are files or folders (default: .); folders are searched for *.yaml,
         *.yml, *.py, Dockerfiles, Procfiles and Django fixtures, skipping .git and
         node_modules.
relabel  Shows what a relabel configuration does to sample targets, rule by rule.
metrics  Previews the metric names a prometheus_client collector will expose.

Options:
  -f, --format FORMAT    text (default), json, sarif (SARIF 2.1.0) or github
                         (GitHub Actions annotations)
  -c, --config FILE      the .obsconf.yaml to use (default: the one in the common
                         folder of the paths, else the one in the current folder)
      --no-config        ignore any .obsconf.yaml
      --max-warnings N   exit 1 when there are more than N warnings
      --fix              apply the safe fixes to the files first (never the
                         unsafe ones), then report what is left
  -h, --help             show this help
  -V, --version          print the version

Output (text): one finding per line, "file:line:col severity rule-id message",
1-based line and column (UTF-16 code units), paths relative to the current folder;
a summary line goes to stderr.

Exit status: 0 no error found, 1 an error found (or more warnings than
--max-warnings), 2 a usage error (unknown option, missing path, unreadable
config) or an internal failure.
`;

/** Parses `argv` (without `node` and the script). */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) return { kind: 'usage-error', message: 'missing command (did you mean "obsconf check"?)' };
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help' || first === 'help') return { kind: 'help' };
  if (first === '-V' || first === '--version' || first === 'version') return { kind: 'version' };
  if (first.startsWith('-')) return { kind: 'usage-error', message: `unknown option ${first}` };
  if (first !== 'check') return { kind: 'usage-error', message: `unknown command "${first}" (the commands are check, relabel and metrics)` };
  return parseCheck(rest);
}

function parseCheck(argv: readonly string[]): Command {
  const options: CheckOptions = { paths: [], format: 'text', noConfig: false };
  let i = 0;
  /** The value of an option: `--opt value` or `--opt=value`. */
  const valueOf = (name: string, inline: string | undefined): string | { error: string } => {
    if (inline !== undefined) return inline;
    const next = argv[i + 1];
    if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) return { error: `option ${name} needs a value` };
    i++;
    return next;
  };
  let onlyPaths = false;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    switch (name) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '-V':
      case '--version':
        return { kind: 'version' };
      case '-f':
      case '--format': {
        const value = valueOf(name, inline);
        if (typeof value !== 'string') return { kind: 'usage-error', message: value.error };
        if (!(FORMATS as readonly string[]).includes(value)) {
          return { kind: 'usage-error', message: `unknown format "${value}" (expected ${FORMATS.join(', ')})` };
        }
        options.format = value as Format;
        break;
      }
      case '-c':
      case '--config': {
        const value = valueOf(name, inline);
        if (typeof value !== 'string') return { kind: 'usage-error', message: value.error };
        if (value === '') return { kind: 'usage-error', message: `option ${name} needs a file name` };
        options.config = value;
        break;
      }
      case '--no-config':
        if (inline !== undefined) return { kind: 'usage-error', message: `option --no-config takes no value` };
        options.noConfig = true;
        break;
      case '--max-warnings': {
        const value = valueOf(name, inline);
        if (typeof value !== 'string') return { kind: 'usage-error', message: value.error };
        if (!/^\d+$/.test(value)) return { kind: 'usage-error', message: `--max-warnings needs a whole number ≥ 0, not "${value}"` };
        options.maxWarnings = Number(value);
        break;
      }
      default:
        return { kind: 'usage-error', message: `unknown option ${name}` };
    }
  }
  if (options.config !== undefined && options.noConfig) {
    return { kind: 'usage-error', message: '--config and --no-config cannot be used together' };
  }
  if (options.paths.length === 0) options.paths.push('.');
  return { kind: 'check', options };
}
