import type { Span } from '../python/ast';
import { DictEntry, dictGet, PyVal } from '../python/dictEval';
import { PythonSource } from '../python/source';
import { GunicornConfig } from './config';
import { CONFIG_DEFAULTS, isFromDefaults } from './defaults';
import type { Emission, LineResult, LoggingModel, Stream } from './logging';

/**
 * gunicorn lines printed twice: with gunicorn's default loggers (which
 * propagate) and a root logger whose handler writes to the same stream, every
 * line goes out once through the gunicorn logger's handler and once through
 * root's — the structlog recipe's symptom. The fix turns propagation off on the
 * gunicorn loggers, and is offered only when the model confirms that it
 * removes the repetition and keeps each line printed.
 */

export interface TextEdit {
  from: number;
  to: number;
  newText: string;
}

export interface DuplicateReport {
  logger: 'gunicorn.error' | 'gunicorn.access';
  stream: Stream;
  emissions: Emission[];
  /** Whether propagation to a parent logger causes the repetition. */
  viaPropagation: boolean;
}

export interface DuplicateFinding {
  reports: DuplicateReport[];
  message: string;
  fix?: { title: string; edits: TextEdit[] };
}

function describeEmission(e: Emission, logger: string): string {
  const where = e.logger === logger ? `of ${logger}` : e.logger === 'root' ? 'of the root logger (through propagation)' : `of logger "${e.logger}" (through propagation)`;
  return `handler "${e.handler}" ${where}`;
}

export function duplicateReports(model: LoggingModel): DuplicateReport[] {
  const out: DuplicateReport[] = [];
  for (const [logger, line] of [['gunicorn.error', model.lines.error], ['gunicorn.access', model.lines.access]] as const) {
    if (!line.duplicatedOn) continue;
    const emissions = line.emissions.filter((e) => e.to === line.duplicatedOn && !e.formatError);
    out.push({ logger, stream: line.duplicatedOn, emissions, viaPropagation: emissions.some((e) => e.logger !== logger) });
  }
  return out;
}

/** The duplicate-lines finding of a config file, with a verified fix when one exists. */
export function duplicateFinding(config: GunicornConfig, model: LoggingModel): DuplicateFinding | undefined {
  const reports = duplicateReports(model);
  if (reports.length === 0) return undefined;
  const sentences = reports.map((r) => `every ${r.logger} line is printed twice on ${r.stream}: by ${r.emissions.map((e) => describeEmission(e, r.logger)).join(' and by ')}`);
  const propagation = reports.filter((r) => r.viaPropagation);
  let message = `${capitalize(sentences.join('; '))}.`;
  if (propagation.length) message += ` Set "propagate": False on ${propagation.map((r) => r.logger).join(' and ')}, or route the root logger to another handler.`;
  const fix = propagation.length ? propagateFix(config, model, propagation.map((r) => r.logger)) : undefined;
  return { reports, message, fix };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Builds the edits that set `propagate: False`, then keeps them only if the model of the edited file agrees. */
function propagateFix(config: GunicornConfig, model: LoggingModel, loggers: string[]): DuplicateFinding['fix'] {
  const text = config.source.text;
  const dict = config.setting('logconfig_dict')?.value;
  if (!dict || dict.k !== 'dict' || isFromDefaults(dict) || !isLiteralAt(text, dict)) return undefined;
  const edits: TextEdit[] = [];
  const loggersEntry = dictGet(dict, 'loggers');
  if (!loggersEntry) {
    // gunicorn's default loggers are in use: write them out with propagation off (both, so that neither repeats through root).
    const indent = entryIndent(text, dict);
    const rows = (['gunicorn.error', 'gunicorn.access'] as const).map((name) => {
      const d = CONFIG_DEFAULTS.loggers[name];
      return `"${name}": {"level": "${d.level}", "handlers": [${d.handlers.map((h) => `"${h}"`).join(', ')}], "propagate": False}`;
    });
    const inner = indent === undefined ? '' : indent + unitIndent(text, dict, indent);
    const value = indent === undefined ? `{${rows.join(', ')}}` : `{\n${rows.map((r) => `${inner}${r},`).join('\n')}\n${indent}}`;
    const edit = insertEntry(text, dict, `"loggers": ${value}`);
    if (!edit) return undefined;
    edits.push(...edit);
  } else {
    const section = loggersEntry.value;
    if (section.k !== 'dict' || !isLiteralAt(text, section)) return undefined;
    for (const name of loggers) {
      const entry = dictGet(section, name);
      if (!entry || entry.value.k !== 'dict' || !isLiteralAt(text, entry.value)) return undefined;
      const propagate = dictGet(entry.value, 'propagate');
      if (propagate) {
        if (isFromDefaults(propagate.valueSpan)) return undefined;
        edits.push({ from: propagate.valueSpan.from, to: propagate.valueSpan.to, newText: 'False' });
      } else {
        const edit = insertEntry(text, entry.value, '"propagate": False');
        if (!edit) return undefined;
        edits.push(...edit);
      }
    }
  }
  const fixed = applyEdits(text, edits);
  const after = new GunicornConfig(new PythonSource(config.source.uri, fixed)).logging();
  const printed = (line: LineResult) => line.counts.stdout + line.counts.stderr;
  const ok =
    after.verdict !== 'fails' &&
    !after.lines.error.duplicatedOn &&
    !after.lines.access.duplicatedOn &&
    (printed(model.lines.error) === 0 || printed(after.lines.error) > 0) &&
    (printed(model.lines.access) === 0 || printed(after.lines.access) > 0) &&
    after.problems.filter((p) => p.fatal).length === 0;
  if (!ok) return undefined;
  return { title: `Set "propagate": False on ${loggersEntry ? loggers.join(' and ') : "gunicorn's loggers"}`, edits };
}

/** Whether a dict value was written as a literal right here (not built by dict(), a spread or a copy). */
function isLiteralAt(text: string, v: PyVal): boolean {
  return text[v.from] === '{' && text[v.to - 1] === '}';
}

/** The indentation of the lines holding a multi-line dict's keys; undefined for a one-line dict. */
function entryIndent(text: string, dict: PyVal & { k: 'dict' }): string | undefined {
  const first = dict.entries.find((e) => !isFromDefaults(e.keySpan));
  if (!first) return undefined;
  const lineStart = text.lastIndexOf('\n', first.keySpan.from - 1) + 1;
  if (lineStart <= dict.from) return undefined;
  const prefix = text.slice(lineStart, first.keySpan.from);
  return /^[ \t]*$/.test(prefix) ? prefix : undefined;
}

/** One level of indentation, as the file writes it (the difference between the dict's keys and its closing brace). */
function unitIndent(text: string, dict: PyVal & { k: 'dict' }, keys: string): string {
  const closeLine = text.lastIndexOf('\n', dict.to - 1) + 1;
  const closeIndent = text.slice(closeLine, dict.to - 1);
  if (/^[ \t]*$/.test(closeIndent) && keys.startsWith(closeIndent) && keys.length > closeIndent.length) return keys.slice(closeIndent.length);
  return '    ';
}

/** Inserts `entry` as the last entry of a dict literal, keeping its layout (one line, or one entry per line). */
export function insertEntry(text: string, dict: PyVal & { k: 'dict' }, entry: string): TextEdit[] | undefined {
  const written = dict.entries.filter((e: DictEntry) => !isFromDefaults(e.valueSpan) && e.valueSpan.from >= dict.from && e.valueSpan.to <= dict.to);
  const last = written.reduce<DictEntry | undefined>((a, e) => (!a || e.valueSpan.to > a.valueSpan.to ? e : a), undefined);
  if (!last) {
    const inside = text.slice(dict.from + 1, dict.to - 1);
    if (inside.trim() !== '') return undefined;
    return [{ from: dict.from + 1, to: dict.to - 1, newText: entry }];
  }
  const indent = entryIndent(text, dict);
  const end = last.valueSpan.to;
  const comma = /^\s*,/.exec(text.slice(end, dict.to - 1));
  const afterComma = comma ? end + comma[0].length : end;
  if (indent === undefined) return [{ from: afterComma, to: afterComma, newText: comma ? ` ${entry},` : `, ${entry}` }];
  // A comment at the end of the last entry's line stays on that line; the new entry goes below it.
  const lineEnd = text.indexOf('\n', afterComma);
  const tail = lineEnd >= 0 && lineEnd < dict.to ? text.slice(afterComma, lineEnd) : '';
  const insertAt = /^\s*#/.test(tail) ? lineEnd : afterComma;
  const edits: TextEdit[] = [];
  if (!comma) edits.push({ from: end, to: end, newText: ',' });
  edits.push({ from: insertAt, to: insertAt, newText: `\n${indent}${entry}${comma ? ',' : ','}` });
  return edits;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.newText + out.slice(e.to);
  return out;
}

export type { Span };
