import { posix } from 'node:path';
import { isAlias, isScalar, Node, Pair, YAMLMap } from 'yaml';
import { asMap, deref, findPair, getMap, getSeq, getString, keyName, Span, spanOf } from '../../documents/yamlAccess';
import type { YamlDoc } from '../../documents/yamlFile';
import { replaceScalar } from '../../fixes/yamlEdit';
import { fixesOf, makeFix } from '../../fixes/text';
import { formatPrometheusDuration, parsePrometheusDuration } from '../../prometheus/duration';
import { globMatches } from '../../prometheus/fileGlob';
import { isPrometheusConfig } from '../../prometheus/locate';
import { uriToPath } from '../../workspace/fileNames';
import type { FindingInput, FixInput } from '../types';
import { defineDocumentRule } from '../types';

/*
 * Facts (prometheus/prometheus config/config.go, prometheus/common model.Duration):
 * - scrape_interval, scrape_timeout and evaluation_interval are model.Duration:
 *   the YAML scalar is read as a string (a plain 15 is the text "15") and parsed
 *   by model.ParseDuration; null or a missing key leaves the zero value.
 * - GlobalConfig.UnmarshalYAML: a zero scrape_interval becomes 1m; then a
 *   scrape_timeout greater than it is refused ("global scrape timeout greater
 *   than scrape interval"); a zero timeout becomes min(10s, interval); a zero
 *   evaluation_interval becomes 1m and is compared with nothing.
 * - ScrapeConfig.Validate: a zero job scrape_interval becomes the global one;
 *   then a job scrape_timeout greater than it is refused ("scrape timeout greater
 *   than scrape interval for scrape config with job name …"); a zero job timeout
 *   becomes min(global timeout, job interval), which can never be too long.
 * - Config.GetScrapeConfigs: each scrape_config_files pattern (made absolute
 *   against the main file's directory by SetDirectory/JoinDir) goes through
 *   filepath.Glob; every file found is read strictly as a ScrapeConfigs (the
 *   one key scrape_configs) and its jobs are validated with the main file's
 *   GlobalConfig, so the main file's global scrape_interval applies to them.
 */

/** The largest duration Prometheus accepts: model.ParseDuration refuses more than 2^63-1 ns ("duration out of range"). */
const MAX_MS = 9_223_372_036_854;
const DEFAULT_SCRAPE_INTERVAL_MS = 60_000;

const UNIT_MS: Record<string, bigint> = { y: 31_536_000_000n, w: 604_800_000n, d: 86_400_000n, h: 3_600_000n, m: 60_000n, s: 1_000n, ms: 1n };

/** A duration key as read: absent or null (the default applies), unreadable (reported), or a value. */
type Read =
  | { state: 'unset' }
  | { state: 'invalid' }
  | { state: 'set'; ms: number; text: string; span: Span; editable: boolean };

/** An interval in force, and where it comes from, for the messages. */
interface Interval {
  ms: number;
  text: string;
  /** The node that sets it; undefined for Prometheus' default. */
  span?: Span;
  /** The document of `span` when it is not the one checked (a main file's global block). */
  doc?: YamlDoc;
  origin: 'job' | 'global' | 'default';
  /** The main prometheus.yml that loads this file through scrape_config_files, when the interval comes from it. */
  mainFile?: string;
}

/** A main prometheus.yml: it names other files of scrape configs. Cheap, and reads the document only. */
function isMainConfig(doc: YamlDoc): boolean {
  const root = asMap(doc.parsed, doc.parsed.contents);
  return !!findPair(root, 'scrape_config_files') && isPrometheusConfig(doc);
}

/** A file scrape_config_files can load: a mapping whose only key is scrape_configs (Prometheus reads it strictly). */
function isScrapeConfigsFile(doc: YamlDoc): boolean {
  const root = asMap(doc.parsed, doc.parsed.contents);
  return !!root && root.items.length > 0 && root.items.every((pair) => keyName(pair as Pair) === 'scrape_configs');
}

/** Whether the main file `main` loads the file at `path` through one of its scrape_config_files patterns. */
function loads(main: YamlDoc, path: string): boolean {
  const mainPath = uriToPath(main.file.uri);
  if (!mainPath) return false;
  const d = main.parsed;
  const dir = posix.dirname(mainPath);
  return (
    getSeq(d, asMap(d, d.contents), 'scrape_config_files')?.items.some((item) => {
      const node = deref(d, item as Node);
      const text = node && goText(node);
      if (!text) return false;
      const absolute = posix.normalize(text.startsWith('/') ? text : posix.join(dir, text)).replace(/(.)\/+$/, '$1');
      return globMatches(absolute, path);
    }) ?? false
  );
}

/** The interval a main file's global block gives jobs without their own; undefined when it cannot be read (its own check reports that). */
function mainGlobalInterval(main: YamlDoc, name: string): Interval | undefined {
  const d = main.parsed;
  const pair = findPair(getMap(d, asMap(d, d.contents), 'global'), 'scrape_interval') as Pair | undefined;
  const node = pair && deref(d, pair.value);
  const unset = !pair || node === null || (isScalar(node) && node.value === null);
  const text = unset ? undefined : goText(node as Node);
  const ms = text === undefined ? undefined : parsePrometheusDuration(text);
  if (!unset && (ms === undefined || ms > MAX_MS)) return undefined;
  if (ms === undefined || ms === 0) return { ms: DEFAULT_SCRAPE_INTERVAL_MS, text: formatPrometheusDuration(DEFAULT_SCRAPE_INTERVAL_MS), origin: 'default', mainFile: name };
  const span = spanOf(pair!.value as Node) ?? spanOf(pair!);
  return { ms, text: text!, span, doc: main, origin: 'global', mainFile: name };
}

/** The text Prometheus parses: a string's value, or any other scalar as written (go-yaml hands its source text to a string field). */
function goText(node: Node): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

/** "1.5m" → 90000 when a decimal with a unit is a whole number of milliseconds, else undefined. */
function decimalMs(text: string): bigint | undefined {
  const match = /^(\d+)\.(\d+)(ms|[ywdhms])$/.exec(text);
  if (!match) return undefined;
  const scale = 10n ** BigInt(match[2].length);
  const total = BigInt(match[1] + match[2]) * UNIT_MS[match[3]];
  return total % scale === 0n ? total / scale : undefined;
}

function replaceFix(doc: YamlDoc, span: Span, text: string, title: string): FixInput | undefined {
  const edit = replaceScalar(doc, span, text);
  return edit && makeFix(title, true, [edit]);
}

/**
 * For a file of scrape configs that main prometheus.yml files of the workspace
 * load: the global interval its jobs get. With several main files, the
 * shortest interval (the one that refuses the most); undefined inside when
 * none of them can be read. Undefined when no main file loads it.
 */
function includedFileInterval(doc: YamlDoc, mains: ReadonlySet<YamlDoc> | undefined): { interval: Interval | undefined } | undefined {
  const path = uriToPath(doc.file.uri);
  if (!path || !mains) return undefined;
  let found = false;
  let shortest: Interval | undefined;
  for (const main of mains) {
    if (!main.alive || main.file.uri === doc.file.uri || !loads(main, path)) continue;
    found = true;
    const mainPath = uriToPath(main.file.uri)!;
    const interval = mainGlobalInterval(main, posix.relative(posix.dirname(path), mainPath));
    if (interval && (!shortest || interval.ms < shortest.ms)) shortest = interval;
  }
  return found ? { interval: shortest } : undefined;
}

export default defineDocumentRule({
  id: 'prometheus/scrape-duration',
  severity: 'error',
  fix: 'sometimes',
  docs: {
    summary: '`scrape_interval`, `scrape_timeout` and `evaluation_interval` in prometheus.yml are Prometheus durations (such as 15s, 1m30s), and no scrape_timeout is longer than the scrape_interval it applies to.',
    why:
      'Prometheus reads these keys with model.ParseDuration: whole numbers with units y, w, d, h, m, s, ms, largest first, or a bare 0. A number without a unit ("15"), a fraction ("1.5m") or a space makes `promtool check config` fail and Prometheus refuse to load the file. It also refuses a scrape_timeout greater than the scrape_interval it applies to: the global timeout against the global interval (1m when unset), a job\'s timeout against the job\'s interval, else the global one. A job without a timeout takes the global timeout cut to its own interval, which is never an error. The jobs of a file loaded through a main prometheus.yml\'s `scrape_config_files` take that main file\'s global scrape_interval; obsconf uses it when the main file is in the workspace.',
    bad: 'global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: app\n    scrape_timeout: 30s\n    static_configs:\n      - targets: [\'app:8000\']\n',
    good: 'global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: app\n    scrape_timeout: 10s\n    static_configs:\n      - targets: [\'app:8000\']\n',
  },
  // A file of scrape configs is judged against the global block of the main files that load it.
  crossFile: { reads: isMainConfig, subjects: isScrapeConfigsFile },
  check({ doc, crossFileDocs, report }) {
    if (!isPrometheusConfig(doc)) return;
    const d = doc.parsed;
    const root = asMap(d, d.contents);

    /** Reads one duration key and reports a value Prometheus cannot parse. */
    const read = (map: YAMLMap | undefined, key: string, label: string): Read => {
      const pair = findPair(map, key) as Pair | undefined;
      if (!pair) return { state: 'unset' };
      const node = deref(d, pair.value);
      // A fix through an alias would change every place that uses the anchor.
      const editable = !isAlias(pair.value);
      const span = spanOf(pair.value as Node) ?? spanOf(pair);
      if (!span) return { state: 'unset' };
      if (node === null || (isScalar(node) && node.value === null)) return { state: 'unset' };
      const text = goText(node);
      const say = (finding: Omit<FindingInput, 'at'>) => report({ at: { doc, span }, ...finding });
      if (text === undefined) {
        say({ message: `${label} is a mapping or list; it must be a duration such as 30s or 1m.` });
        return { state: 'invalid' };
      }
      const ms = parsePrometheusDuration(text);
      if (ms !== undefined && ms <= MAX_MS) return { state: 'set', ms, text, span, editable };
      if (ms !== undefined) {
        say({ message: `${label} is ${JSON.stringify(text)}, out of range; a Prometheus duration is at most ${formatPrometheusDuration(MAX_MS)} (2^63-1 nanoseconds).` });
      } else if (text === '') {
        say({ message: `${label} is an empty string; write a duration such as 30s or 1m, or remove the key to use the default.` });
      } else if (/^\d+$/.test(text)) {
        say({ message: `${label} is ${JSON.stringify(text)}, a number without a unit; a Prometheus duration needs one, such as ${text}s or ${text}m.` });
      } else {
        const compact = text.replace(/\s+/g, '');
        const decimal = decimalMs(compact);
        const exact = decimal !== undefined && decimal <= BigInt(MAX_MS) ? formatPrometheusDuration(Number(decimal)) : undefined;
        const unspaced = compact !== text && parsePrometheusDuration(compact) !== undefined ? compact : undefined;
        const meant = exact ?? unspaced;
        say({
          message: `${label} is ${JSON.stringify(text)}, not a Prometheus duration; write whole numbers with units, largest first, such as 30s, 1m or 1m30s${exact ? ` (${compact} is ${exact})` : ''}.`,
          // Only rewrites that keep the value exactly: a decimal in whole milliseconds, or blanks dropped ("1m 30s").
          fixes: meant && editable ? fixesOf(replaceFix(doc, span, meant, `Write ${meant}`)) : undefined,
        });
      }
      return { state: 'invalid' };
    };

    /** Reports a timeout longer than the interval it applies to (`subject` names the timeout in the message). */
    const tooLong = (timeout: Read, interval: Interval | undefined, subject: string, owner: 'global' | 'job') => {
      if (timeout.state !== 'set' || !interval || timeout.ms <= interval.ms) return;
      const main = interval.mainFile;
      const against =
        interval.origin === 'job'
          ? `its scrape_interval ${interval.text}`
          : interval.origin === 'global'
            ? `the global scrape_interval ${interval.text}${main ? ` of ${main} (which loads this file through scrape_config_files)` : ''}${owner === 'job' ? ' it uses' : ''}`
            : main
              ? `Prometheus' default scrape_interval ${interval.text} it uses (neither the job nor the global block of ${main}, which loads this file through scrape_config_files, sets one)`
              : `Prometheus' default scrape_interval ${interval.text}${owner === 'job' ? ' it uses (neither the job nor global sets one)' : ' (global sets none)'}`;
      report({
        at: { doc, span: timeout.span },
        message: `${subject} is ${timeout.text}, longer than ${against}; Prometheus refuses a scrape timeout greater than the scrape interval: write at most ${interval.text}.`,
        related: interval.span ? [{ at: { doc: interval.doc ?? doc, span: interval.span }, message: `the scrape_interval ${interval.text}` }] : [],
        // The file is refused as it is; a timeout equal to the interval is the nearest one Prometheus accepts.
        fixes: timeout.editable ? fixesOf(replaceFix(doc, timeout.span, interval.text, `Set the scrape_timeout to ${interval.text}`)) : undefined,
      });
    };

    const global = getMap(d, root, 'global');
    const globalIntervalRead = read(global, 'scrape_interval', 'global scrape_interval');
    const globalTimeout = read(global, 'scrape_timeout', 'global scrape_timeout');
    read(global, 'evaluation_interval', 'global evaluation_interval');
    // A zero interval is the same as none; an unreadable one leaves the comparisons that need it undecided.
    const loaded = isScrapeConfigsFile(doc) ? includedFileInterval(doc, crossFileDocs) : undefined;
    const globalInterval: Interval | undefined = loaded
      ? loaded.interval
      : globalIntervalRead.state === 'invalid'
        ? undefined
        : globalIntervalRead.state === 'set' && globalIntervalRead.ms > 0
          ? { ms: globalIntervalRead.ms, text: globalIntervalRead.text, span: globalIntervalRead.span, origin: 'global' }
          : { ms: DEFAULT_SCRAPE_INTERVAL_MS, text: formatPrometheusDuration(DEFAULT_SCRAPE_INTERVAL_MS), origin: 'default' };
    tooLong(globalTimeout, globalInterval, 'global scrape_timeout', 'global');

    getSeq(d, root, 'scrape_configs')?.items.forEach((item, i) => {
      const job = asMap(d, item);
      if (!job) return;
      const name = getString(d, job, 'job_name')?.value;
      const owner = name ? `job ${JSON.stringify(name)}` : `scrape_configs[${i}]`;
      const intervalRead = read(job, 'scrape_interval', `scrape_interval of ${owner}`);
      const timeout = read(job, 'scrape_timeout', `scrape_timeout of ${owner}`);
      const interval: Interval | undefined =
        intervalRead.state === 'invalid' ? undefined : intervalRead.state === 'set' && intervalRead.ms > 0 ? { ms: intervalRead.ms, text: intervalRead.text, span: intervalRead.span, origin: 'job' } : globalInterval;
      tooLong(timeout, interval, `scrape_timeout of ${owner}`, 'job');
    });
  },
});
