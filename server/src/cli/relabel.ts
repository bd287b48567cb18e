import { readFile } from 'fs/promises';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CONFIG_FILE_NAME, parseConfig } from '../engine/config';
import { YamlDocuments } from '../engine/documents/yamlFile';
import { analyzeDocument, isErrorKind, ListAnalysis } from '../engine/prometheus/analyze';
import { LabelSet, parseSampleLabels, previewList, staticTargetsOf } from '../engine/prometheus/preview';
import { previewJson, renderPreviewText } from '../engine/prometheus/render';
import { resolveVersion } from '../engine/prometheus/version';

export const RELABEL_USAGE = `usage: obsconf relabel <prometheus.yml | servicemonitor.yaml> [--job NAME] [--labels TARGETS.yaml] [--format text|json] [--prometheus-version X.Y]

Runs the target relabel rules of a scrape job (prometheus.yml relabel_configs, or a
ServiceMonitor/PodMonitor/ScrapeConfig's relabelings) over sample targets and prints,
per target, whether it is kept or dropped, its labels right after the rules (internal
__* labels included) and its final target labels.

  --job NAME             the scrape job (job_name; for a monitor: its generated job
                         "serviceMonitor/<namespace>/<name>/<i>" or the endpoint's port)
  --labels FILE          sample targets, YAML or JSON: a label set, a list of label sets,
                         or file_sd groups [{targets: [...], labels: {...}}]; default: the
                         job's static_configs
  --format text|json     output format (default text)
  --prometheus-version   the Prometheus to emulate (default: .obsconf.yaml's
                         prometheus.version, else 3.5)

Exit status: 0 done, 1 the relabel rules are invalid, 2 usage error.
`;

interface Output {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function usage(message: string): Output {
  return { stdout: '', stderr: `obsconf relabel: ${message}\n${RELABEL_USAGE}`, exitCode: 2 };
}

function jobNames(analysis: ListAnalysis): string[] {
  const list = analysis.list;
  const names = [list.jobName, list.owner].filter((n): n is string => !!n);
  const monitor = /^(ServiceMonitor|PodMonitor) (\S+) (?:endpoints|podMetricsEndpoints)\[(\d+)\](?: \(port (.+)\))?$/.exec(list.owner);
  if (monitor) {
    const ns = (list.doc.parsed.toJS() as { metadata?: { namespace?: string } })?.metadata?.namespace ?? 'default';
    names.push(`${monitor[1] === 'ServiceMonitor' ? 'serviceMonitor' : 'podMonitor'}/${ns}/${monitor[2]}/${monitor[3]}`);
    if (monitor[4]) names.push(monitor[4]);
  }
  return names;
}

/** `obsconf relabel …`: returns what to print and the exit status. */
export async function runRelabel(argv: string[], cwd: string): Promise<Output> {
  let file: string | undefined;
  let job: string | undefined;
  let labelsPath: string | undefined;
  let format = 'text';
  let versionText: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') return { stdout: RELABEL_USAGE, stderr: '', exitCode: 0 };
    else if (flag === '--job') job = value();
    else if (flag === '--labels') labelsPath = value();
    else if (flag === '--format') format = value() ?? '';
    else if (flag === '--prometheus-version') versionText = value();
    else if (flag.startsWith('-')) return usage(`unknown option ${flag}`);
    else if (!file) file = arg;
    else return usage(`unexpected argument ${arg}`);
  }
  if (!file) return usage('missing the configuration file');
  if (format !== 'text' && format !== 'json') return usage(`--format must be text or json, not ${format}`);
  if (versionText === undefined) {
    const configText = await readFile(path.join(cwd, CONFIG_FILE_NAME), 'utf8').catch(() => undefined);
    if (configText !== undefined) versionText = parseConfig(configText).settings.prometheus?.version;
  }
  const version = resolveVersion(versionText);
  const filePath = path.resolve(cwd, file);
  const text = await readFile(filePath, 'utf8').catch(() => undefined);
  if (text === undefined) return usage(`cannot read ${file}`);
  const documents = new YamlDocuments({ uri: pathToFileURL(filePath).toString() });
  documents.update(text);
  let lists = documents.docs.flatMap((doc) => analyzeDocument(doc, version.text)).filter((a) => a.list.stage === 'target' || a.list.stage === 'probe');
  if (lists.length === 0) return usage(`${file} has no target relabel rules (relabel_configs or relabelings)`);
  if (job !== undefined) {
    lists = lists.filter((a) => jobNames(a).includes(job!));
    if (lists.length === 0) return usage(`no job "${job}" with relabel rules in ${file}`);
  } else if (new Set(lists.map((a) => a.list.jobName ?? a.list.owner)).size > 1 && lists.every((a) => a.list.dialect === 'prometheus')) {
    return usage(`${file} has several jobs; choose one with --job (${lists.map((a) => a.list.jobName ?? a.list.owner).join(', ')})`);
  }
  let samples: LabelSet[] | undefined;
  if (labelsPath !== undefined) {
    const labelsText = await readFile(path.resolve(cwd, labelsPath), 'utf8').catch(() => undefined);
    if (labelsText === undefined) return usage(`cannot read ${labelsPath}`);
    const parsed = parseSampleLabels(labelsText);
    if (parsed.error) return usage(`${labelsPath}: ${parsed.error}`);
    samples = parsed.targets;
  }
  const results = [];
  let invalid = false;
  let stdout = '';
  for (const analysis of lists) {
    const targets = samples ?? staticTargetsOf(analysis.list);
    if (!targets.length) return usage(`${analysis.list.owner} has no static targets; give sample targets with --labels`);
    const result = previewList(analysis, targets, { version, steps: false });
    if (result.invalidRule !== undefined) {
      invalid = true;
      const problems = analysis.rules[result.invalidRule].problems.filter((p) => isErrorKind(p.kind)).map((p) => p.message);
      stdout += format === 'text' ? renderPreviewText(result, file) + problems.map((p) => `    ${p}\n`).join('') : '';
    } else if (format === 'text') stdout += renderPreviewText(result, file);
    results.push({ ...(previewJson(result) as object), job: analysis.list.jobName });
  }
  if (format === 'json') stdout = `${JSON.stringify({ prometheusVersion: version.text, results }, null, 2)}\n`;
  return { stdout, stderr: '', exitCode: invalid ? 1 : 0 };
}
