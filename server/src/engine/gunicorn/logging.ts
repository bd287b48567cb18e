import type { Span } from '../python/ast';
import { editDistance } from '../editDistance';
import { DictEntry, describeValue, dictGet, isKnownScalar, pyEq, pyTruthy, PyVal } from '../python/dictEval';
import { CONFIG_DEFAULTS, defaultValue, isFromDefaults, SETTING_DEFAULTS } from './defaults';
import {
  FORMATTER_PARAMS,
  HANDLER_CLASSES,
  IDENTIFIER,
  INFO,
  LEVEL_NAMES,
  PROCESSOR_FORMATTER,
  PROCESSOR_FORMATTER_PARAMS,
  RECORD_FIELDS,
  resolvesTo,
  ROOT_DEFAULT_LEVEL,
  validateFormat,
  FormatStyle,
} from './stdlib';

/**
 * What gunicorn's logging setup does with a config file: `glogging.Logger`
 * (its own handlers for `errorlog`/`accesslog`), then, when `logconfig_dict` is
 * not empty, `dictConfig(CONFIG_DEFAULTS.copy().update(logconfig_dict))`, and
 * where one line logged to `gunicorn.error` and one to `gunicorn.access` end
 * up. The steps follow CPython's `logging.config.DictConfigurator` (3.11) and
 * `logging.Logger.callHandlers` one to one; a value that is not known makes
 * the step `unknown` instead of guessing.
 */

/** Which rule reports a problem. */
export type ProblemKind = 'undefined-handler' | 'undefined-formatter' | 'undefined-filter' | 'handler-class' | 'processor-formatter' | 'invalid';

export interface LogProblem {
  kind: ProblemKind;
  /** gunicorn exits at start (dictConfig raises, or the config file is refused). */
  fatal: boolean;
  message: string;
  /** Where in the file; spans of gunicorn's defaults are never used here. */
  at: Span;
  related?: { at: Span; message: string }[];
}

export type Stream = 'stdout' | 'stderr';

export interface Emission {
  /** Handler name (`console`), or `gunicorn's errorlog/accesslog handler`. */
  handler: string;
  /** The logger the handler is attached to (`root` when reached by propagation). */
  logger: string;
  /** Where the line goes; `unknown` for handler classes obsconf does not model. */
  to: Stream | 'file' | 'nowhere' | 'unknown';
  /** Formatting the record raises, so `logging` prints an error report instead of the line. */
  formatError?: string;
  /** Where the handler is defined in the file, when it is. */
  definedAt?: Span;
}

export interface LineResult {
  /** False when what happens to the line depends on something not known. */
  known: boolean;
  emissions: Emission[];
  counts: Record<Stream, number>;
  /** The stream the line is printed on twice or more, if any. */
  duplicatedOn?: Stream;
}

export type Verdict = 'starts' | 'fails' | 'unknown';

export interface MergedSection {
  key: string;
  value: PyVal;
  fromDefaults: boolean;
  /** The key in the file, for sections of the file. */
  keySpan?: Span;
}

export interface LoggingModel {
  /** Which mechanism gunicorn uses: `logconfig_dict` only when it is a non-empty dict. */
  uses: 'logconfig_dict' | 'logconfig_json' | 'logconfig' | 'builtin' | 'unknown';
  verdict: Verdict;
  problems: LogProblem[];
  /** Why the verdict is `unknown`. */
  unknowns: string[];
  lines: { error: LineResult; access: LineResult };
  /** The configuration dictConfig receives (for hovers). */
  merged?: MergedSection[];
}

/** The settings of a gunicorn config file that its logging setup reads. */
export interface LoggingSettings {
  logconfig_dict?: { value: PyVal; at: Span };
  logconfig_json?: { value: PyVal; at: Span };
  logconfig?: { value: PyVal; at: Span };
  errorlog?: { value: PyVal; at: Span };
  accesslog?: { value: PyVal; at: Span };
  loglevel?: { value: PyVal; at: Span };
  syslog?: { value: PyVal; at: Span };
  capture_output?: { value: PyVal; at: Span };
  logger_class?: { value: PyVal; at: Span };
}

type Tri = boolean | undefined;

interface SimFilter {
  /** `logging.Filter(name)`; undefined for filters obsconf cannot evaluate. */
  name?: string;
}

interface SimFormatter {
  /** Undefined when formatting works, else the error formatting raises; 'unknown' when not known. */
  formatError?: string | 'unknown';
}

interface SimHandler {
  name: string;
  to: Emission['to'];
  level: number | undefined;
  filters: SimFilter[] | undefined;
  formatter?: SimFormatter;
  definedAt?: Span;
}

interface SimLogger {
  name: string;
  /** 0 is NOTSET; undefined when not known. */
  level: number | undefined;
  handlers: SimHandler[] | undefined;
  propagate: Tri;
  disabled: Tri;
  filters: SimFilter[] | undefined;
  /** A logger object exists (not only a placeholder in the manager's dict). */
  real: boolean;
}

const str = (v: PyVal | undefined): string | undefined => (v && v.k === 'str' ? v.v : undefined);
const q = (s: string) => `"${s}"`;

function asDict(v: PyVal | undefined): (PyVal & { k: 'dict' }) | undefined {
  return v && v.k === 'dict' ? v : undefined;
}

/** A place in the file for a value: its own span, or (for defaults) the file's section that brought it in. */
function placeOf(v: { from: number; to: number }, fallback: Span): Span {
  return isFromDefaults(v) ? fallback : { from: v.from, to: v.to };
}

class Simulation {
  readonly problems: LogProblem[] = [];
  readonly unknowns: string[] = [];
  private failedHandlers = new Set<string>();
  private failedFormatters = new Set<string>();
  private failedFilters = new Set<string>();
  formatters = new Map<string, SimFormatter>();
  filters = new Map<string, SimFilter>();
  handlers = new Map<string, SimHandler>();
  readonly loggers = new Map<string, SimLogger>();
  root: SimLogger = { name: 'root', level: ROOT_DEFAULT_LEVEL, handlers: [], propagate: false, disabled: false, filters: [], real: true };

  constructor(
    private readonly sections: Map<string, MergedSection>,
    /** Where to point for problems that come from gunicorn's defaults: the file's `logconfig_dict`. */
    private readonly anchor: Span,
  ) {}

  fatal(kind: ProblemKind, message: string, at: Span, related?: LogProblem['related']): void {
    this.problems.push({ kind, fatal: true, message, at, related });
  }

  warn(kind: ProblemKind, message: string, at: Span): void {
    this.problems.push({ kind, fatal: false, message, at });
  }

  unknown(why: string): void {
    this.unknowns.push(why);
  }

  section(key: string): MergedSection | undefined {
    return this.sections.get(key);
  }

  /** Where a problem caused by a default value should point: the file's section that replaced its neighbours. */
  sectionAnchor(key: string): Span {
    return this.section(key)?.keySpan ?? this.anchor;
  }

  /** `logging._checkLevel`. */
  level(v: PyVal | undefined, what: string, at: Span): number | undefined | 'skip' {
    if (!v || v.k === 'none') return 'skip';
    if (v.k === 'int') return v.v;
    if (v.k === 'bool') return Number(v.v);
    if (v.k === 'str') {
      if (v.v in LEVEL_NAMES) return LEVEL_NAMES[v.v];
      const upper = v.v.toUpperCase();
      const hint = upper in LEVEL_NAMES ? ` (level names are case-sensitive: use "${upper}")` : '';
      this.fatal('invalid', `gunicorn fails to start: ${what} has unknown level "${v.v}"${hint}.`, at);
      return undefined;
    }
    if (isKnownScalar(v) || v.k === 'list' || v.k === 'tuple' || v.k === 'dict') {
      this.fatal('invalid', `gunicorn fails to start: ${what} has level ${describeValue(v)}, which is neither an integer nor a level name.`, at);
      return undefined;
    }
    this.unknown(`${what}'s level`);
    return undefined;
  }

  /** Iterates a section the way dictConfig does (`for name in section`); undefined when it is not a dict. */
  sectionEntries(key: string): DictEntry[] | undefined {
    const s = this.section(key);
    if (!s) return [];
    const v = s.value;
    if (v.k === 'dict') {
      if (v.open) this.unknown(`the ${key} section may hold entries set elsewhere`);
      return v.entries;
    }
    const empty = (v.k === 'list' || v.k === 'tuple' || v.k === 'set') && v.items.length === 0 && !v.open;
    if (empty || (v.k === 'str' && v.v === '')) return [];
    if (v.k === 'unknown' || v.k === 'call' || v.k === 'ref') {
      this.unknown(`the ${key} section`);
      return undefined;
    }
    this.fatal('invalid', `gunicorn fails to start: "${key}" must be a dict of named entries, not ${describeValue(v)}.`, placeOf(v, this.sectionAnchor(key)));
    return undefined;
  }

  /** A known-string key of a section entry. */
  private nameOf(entry: DictEntry): string | undefined {
    return entry.key.k === 'str' ? entry.key.v : undefined;
  }

  /** Whether a section has an entry named `name` (true/false, or undefined when not known). */
  has(sectionKey: string, name: PyVal): Tri {
    const s = this.section(sectionKey);
    if (!s) return false;
    const d = asDict(s.value);
    if (!d) return s.value.k === 'unknown' || s.value.k === 'call' ? undefined : false;
    if (!isKnownScalar(name)) return undefined;
    if (d.entries.some((e) => pyEq(e.key, name) === true)) return true;
    return d.open ? undefined : false;
  }

  // ---- formatters

  configureFormatters(): void {
    for (const entry of this.sectionEntries('formatters') ?? []) {
      const name = this.nameOf(entry) ?? describeValue(entry.key);
      const before = this.problems.filter((p) => p.fatal).length;
      const formatter = this.formatter(name, entry);
      if (this.problems.filter((p) => p.fatal).length > before) this.failedFormatters.add(name);
      if (formatter) this.formatters.set(name, formatter);
    }
  }

  private formatter(name: string, entry: DictEntry): SimFormatter | undefined {
    const config = entry.value;
    const at = placeOf(entry.valueSpan, this.sectionAnchor('formatters'));
    if (config.k !== 'dict') {
      if (config.k === 'unknown' || config.k === 'call' || config.k === 'ref') {
        this.unknown(`formatter ${q(name)}`);
        return { formatError: 'unknown' };
      }
      this.fatal('invalid', `gunicorn fails to start: formatter ${q(name)} must be a dict, not ${describeValue(config)}.`, at);
      return undefined;
    }
    if (config.open) this.unknown(`formatter ${q(name)} may hold keys set elsewhere`);
    const factory = dictGet(config, '()');
    if (factory) return this.customFormatter(name, config, factory);
    const fmt = dictGet(config, 'format')?.value;
    const style = dictGet(config, 'style')?.value ?? { k: 'str', v: '%', from: -1, to: -1 };
    const cls = dictGet(config, 'class');
    if (cls && pyTruthy(cls.value) !== false) {
      const path = cls.value.k === 'str' ? cls.value.v : cls.value.k === 'ref' ? undefined : undefined;
      if (path === undefined || (path !== 'logging.Formatter' && resolvesTo(path) === undefined)) {
        this.unknown(`formatter ${q(name)} uses its own class`);
        return { formatError: 'unknown' };
      }
      const resolved = resolvesTo(path);
      if (path !== 'logging.Formatter' && resolved !== 'class') {
        this.fatal('invalid', `gunicorn fails to start: formatter ${q(name)} has class "${path}", which ${resolved === 'missing' ? 'does not exist' : 'is not a formatter class'}.`, placeOf(cls.valueSpan, at));
        return undefined;
      }
      if (path !== 'logging.Formatter') {
        this.unknown(`formatter ${q(name)} uses class ${path}`);
        return { formatError: 'unknown' };
      }
    }
    const validate = dictGet(config, 'validate')?.value;
    return this.checkFormat(name, fmt, style, validate === undefined ? true : pyTruthy(validate), at, dictGet(config, 'format')?.valueSpan, dictGet(config, 'style')?.valueSpan);
  }

  /** `logging.Formatter(fmt, datefmt, style, validate)`, and whether formatting a record then works. */
  private checkFormat(name: string, fmt: PyVal | undefined, style: PyVal, validate: Tri, at: Span, fmtAt?: Span, styleAt?: Span): SimFormatter | undefined {
    if (style.k !== 'str') {
      if (!isKnownScalar(style)) {
        this.unknown(`formatter ${q(name)}'s style`);
        return { formatError: 'unknown' };
      }
    }
    const styleText = style.k === 'str' ? style.v : describeValue(style);
    if (!['%', '{', '$'].includes(styleText) || style.k !== 'str') {
      this.fatal('invalid', `gunicorn fails to start: formatter ${q(name)} has style ${q(styleText)}; logging accepts only "%", "{" and "$".`, styleAt ? placeOf(styleAt, at) : at);
      return undefined;
    }
    const s = styleText as FormatStyle;
    const defaults: Record<FormatStyle, string> = { '%': '%(message)s', '{': '{message}', $: '${message}' };
    if (fmt && fmt.k !== 'str' && fmt.k !== 'none') {
      if (pyTruthy(fmt) === false) fmt = undefined;
      else if (!isKnownScalar(fmt)) {
        this.unknown(`formatter ${q(name)}'s format`);
        return { formatError: 'unknown' };
      } else {
        this.fatal('invalid', `gunicorn fails to start: formatter ${q(name)} has format ${describeValue(fmt)}, which is not a string.`, fmtAt ? placeOf(fmtAt, at) : at);
        return undefined;
      }
    }
    const text = fmt && fmt.k === 'str' && fmt.v ? fmt.v : defaults[s];
    const checked = validateFormat(text, s);
    if (checked.error && validate !== false) {
      if (validate === undefined) {
        this.unknown(`formatter ${q(name)}'s validate`);
        return { formatError: 'unknown' };
      }
      this.fatal('invalid', `gunicorn fails to start: formatter ${q(name)}: ${checked.error}.`, fmtAt ? placeOf(fmtAt, at) : at);
      return undefined;
    }
    const missing = checked.fields.filter((f) => !RECORD_FIELDS.has(f) && !/^\d+$/.test(f));
    if (missing.length) {
      const message = `Formatter ${q(name)} uses ${missing.map((m) => q(m)).join(', ')}, which no log record has: every line it formats raises and is replaced by logging's error report.`;
      if (fmtAt && !isFromDefaults(fmtAt)) this.warn('invalid', message, fmtAt);
      return { formatError: `field ${missing[0]} is not in the record` };
    }
    return {};
  }

  /** A formatter made by a `()` factory: structlog's ProcessorFormatter, or `logging.Formatter`. */
  private customFormatter(name: string, config: PyVal & { k: 'dict' }, factory: DictEntry): SimFormatter | undefined {
    const path = factory.value.k === 'ref' ? factory.value.path : factory.value.k === 'str' ? factory.value.v : undefined;
    const at = placeOf(factory.valueSpan, this.sectionAnchor('formatters'));
    if (path === undefined) {
      this.unknown(`formatter ${q(name)}'s factory`);
      return { formatError: 'unknown' };
    }
    if (factory.value.k === 'str') {
      const resolved = resolvesTo(path);
      if (resolved === 'missing' || resolved === 'not-class') {
        this.fatal('invalid', `gunicorn fails to start: formatter ${q(name)}'s factory "${path}" ${resolved === 'missing' ? 'does not exist' : 'is not a dotted path to a class'}.`, at);
        return undefined;
      }
    }
    const kwargs = config.entries.filter((e) => !(e.key.k === 'str' && (e.key.v === '()' || e.key.v === '.')));
    for (const e of kwargs) {
      if (e.key.k !== 'str' || !IDENTIFIER.test(e.key.v)) {
        this.fatal('invalid', `gunicorn fails to start: formatter ${q(name)} has key ${describeValue(e.key)}, which is not a valid keyword argument name.`, placeOf(e.keySpan, at));
        return undefined;
      }
    }
    const names = kwargs.map((e) => (e.key as { v: string }).v);
    if (path === PROCESSOR_FORMATTER) return this.processorFormatter(name, config, names, at);
    if (path === 'logging.Formatter') {
      const unexpected = names.find((n) => !FORMATTER_PARAMS.includes(n) && n !== 'format');
      if (unexpected) {
        this.fatal('invalid', `gunicorn fails to start: logging.Formatter() got an unexpected keyword argument "${unexpected}" (formatter ${q(name)}).`, at);
        return undefined;
      }
      const fmtEntry = dictGet(config, 'fmt') ?? dictGet(config, 'format');
      return this.checkFormat(name, fmtEntry?.value, dictGet(config, 'style')?.value ?? { k: 'str', v: '%', from: -1, to: -1 }, true, at, fmtEntry?.valueSpan, dictGet(config, 'style')?.valueSpan);
    }
    this.unknown(`formatter ${q(name)} is made by ${path}`);
    return { formatError: 'unknown' };
  }

  /** structlog's `ProcessorFormatter(processor=None, processors=(), foreign_pre_chain=None, …, **Formatter kwargs)`. */
  private processorFormatter(name: string, config: PyVal & { k: 'dict' }, names: string[], at: Span): SimFormatter | undefined {
    const unexpected = names.find((n) => !PROCESSOR_FORMATTER_PARAMS.includes(n) && !FORMATTER_PARAMS.includes(n) && n !== 'format');
    if (unexpected) {
      this.fatal('invalid', `gunicorn fails to start: ProcessorFormatter() got an unexpected keyword argument "${unexpected}" (formatter ${q(name)}).`, placeOf(dictGet(config, unexpected)!.keySpan, at));
      return undefined;
    }
    const processor = dictGet(config, 'processor');
    const processors = dictGet(config, 'processors');
    // structlog's processors are functions and instances of its classes, which are all true.
    const truth = (v: PyVal) => (v.k === 'call' && v.callee.startsWith('structlog.') ? true : pyTruthy(v));
    const p1 = processor ? truth(processor.value) : false;
    const p2 = processors ? truth(processors.value) : false;
    if (p1 === undefined || p2 === undefined) {
      this.unknown(`formatter ${q(name)}'s processor(s)`);
    } else if (p1 && p2) {
      this.fatal(
        'processor-formatter',
        `gunicorn fails to start: formatter ${q(name)} passes both "processor" and "processors" to structlog's ProcessorFormatter, which takes exactly one of them.`,
        placeOf(processors!.keySpan, at),
        [{ at: placeOf(processor!.keySpan, at), message: '"processor" is also set here' }],
      );
      return undefined;
    } else if (!p2 && (!processor || processor.value.k === 'none')) {
      this.fatal(
        'processor-formatter',
        `gunicorn fails to start: formatter ${q(name)} uses structlog's ProcessorFormatter without "processor" or "processors"; it needs exactly one (e.g. "processor": structlog.processors.JSONRenderer()).`,
        placeOf(factory(config), at),
      );
      return undefined;
    }
    const chain = dictGet(config, 'foreign_pre_chain');
    let formatError: string | undefined;
    if (chain) {
      const v = chain.value;
      const iterable = v.k === 'list' || v.k === 'tuple' || (v.k === 'call' && /^(list|tuple)$/.test(v.callee));
      const falsy = pyTruthy(v) === false;
      const notIterable =
        !iterable &&
        !falsy &&
        (v.k === 'func' || v.k === 'int' || v.k === 'float' || v.k === 'bool' || v.k === 'str' || v.k === 'dict' || v.k === 'set' || (v.k === 'ref' && v.path.startsWith('structlog.')) || (v.k === 'call' && v.callee.startsWith('structlog.')));
      if (notIterable) {
        const what = v.k === 'func' || v.k === 'ref' ? `the single processor ${describeValue(v)}` : v.k === 'call' ? `the single processor ${v.callee}()` : describeValue(v);
        this.warn(
          'processor-formatter',
          `"foreign_pre_chain" of formatter ${q(name)} must be a list of processors, not ${what}: gunicorn starts, but every gunicorn line fails to format and is replaced by logging's error report. Write [${v.k === 'func' || v.k === 'ref' ? describeValue(v) : v.k === 'call' ? `${v.callee}(…)` : '…'}].`,
          placeOf(chain.valueSpan, at),
        );
        formatError = '"foreign_pre_chain" is not a list';
      } else if (!iterable && !falsy) {
        this.unknown(`formatter ${q(name)}'s foreign_pre_chain`);
        formatError = 'unknown';
      }
    }
    const fmt = dictGet(config, 'fmt') ?? dictGet(config, 'format');
    const style = dictGet(config, 'style');
    const base = this.checkFormat(name, fmt?.value ?? { k: 'str', v: '%(message)s', from: -1, to: -1 }, style?.value ?? { k: 'str', v: '%', from: -1, to: -1 }, true, at, fmt?.valueSpan, style?.valueSpan);
    if (!base) return undefined;
    return { formatError: formatError ?? base.formatError };

    function factory(d: PyVal & { k: 'dict' }): Span {
      return dictGet(d, '()')!.keySpan;
    }
  }

  // ---- filters

  configureFilters(): void {
    for (const entry of this.sectionEntries('filters') ?? []) {
      const name = this.nameOf(entry) ?? describeValue(entry.key);
      const config = entry.value;
      const at = placeOf(entry.valueSpan, this.anchor);
      if (config.k !== 'dict') {
        if (config.k === 'unknown' || config.k === 'call' || config.k === 'ref') this.filters.set(name, {});
        else {
          this.failedFilters.add(name);
          this.fatal('invalid', `gunicorn fails to start: filter ${q(name)} must be a dict, not ${describeValue(config)}.`, at);
        }
        continue;
      }
      if (dictGet(config, '()')) {
        this.filters.set(name, {});
        continue;
      }
      const filterName = dictGet(config, 'name')?.value;
      if (!filterName || filterName.k === 'str') this.filters.set(name, { name: filterName ? (filterName as { v: string }).v : '' });
      else if (isKnownScalar(filterName)) {
        this.failedFilters.add(name);
        this.fatal('invalid', `gunicorn fails to start: filter ${q(name)} has name ${describeValue(filterName)}, which is not a string.`, at);
      } else this.filters.set(name, {});
    }
  }

  /** `add_filters`: names must exist in the filters section. */
  private filterList(v: PyVal | undefined, owner: string, at: Span): SimFilter[] | undefined {
    if (!v || pyTruthy(v) === false) return [];
    const items = namesIn(v);
    if (!items) {
      this.unknown(`filters of ${owner}`);
      return undefined;
    }
    const out: SimFilter[] = [];
    for (const item of items) {
      if (item.k === 'func' || item.k === 'ref' || item.k === 'call') {
        out.push({});
        continue;
      }
      const exists = this.has('filters', item);
      if (exists === false) {
        const defined = [...this.filters.keys()];
        this.fatal(
          'undefined-filter',
          `gunicorn fails to start: ${owner} uses filter ${describeValue(item)}, but ${defined.length ? `the filters section defines only ${defined.map(q).join(', ')}` : 'no "filters" section defines it (gunicorn\'s defaults have none)'}.`,
          placeOf(item, at),
        );
        return undefined;
      }
      if (exists === undefined) {
        this.unknown(`filter ${describeValue(item)}`);
        out.push({});
        continue;
      }
      const name = (item as { v: string }).v;
      out.push(this.filters.get(name) ?? {});
    }
    return out;
  }

  // ---- handlers

  /** Formatters that gunicorn's default handlers name but the file's "formatters" section lacks: formatter → handlers. */
  private readonly missingDefaultFormatters = new Map<string, string[]>();

  configureHandlers(): void {
    const entries = this.sectionEntries('handlers') ?? [];
    const sorted = [...entries].sort((a, b) => (this.nameOf(a) ?? '').localeCompare(this.nameOf(b) ?? '', 'en', { sensitivity: 'variant' }));
    for (const entry of sorted) {
      const name = this.nameOf(entry) ?? describeValue(entry.key);
      const before = this.problems.filter((p) => p.fatal).length;
      const handler = this.handler(name, entry);
      if (this.problems.filter((p) => p.fatal).length > before || !handler) this.failedHandlers.add(name);
      else this.handlers.set(name, handler);
    }
    for (const [formatter, users] of this.missingDefaultFormatters) {
      const defined = this.definedNames('formatters');
      this.fatal(
        'undefined-formatter',
        `gunicorn fails to start: "formatters" replaces gunicorn's whole formatters section (logconfig_dict is merged shallowly) and lacks ${q(formatter)}, which gunicorn's default handler${users.length > 1 ? 's' : ''} ${users.map(q).join(' and ')} still use${users.length > 1 ? '' : 's'}${defined.length ? ` (it defines ${defined.map(q).join(', ')})` : ''}. Define ${q(formatter)} too, or override the handlers.`,
        this.sectionAnchor('formatters'),
      );
    }
  }

  private handler(name: string, entry: DictEntry): SimHandler | undefined {
    const config = entry.value;
    const at = placeOf(entry.valueSpan, this.sectionAnchor('handlers'));
    const fromDefaults = isFromDefaults(entry.valueSpan);
    const unknownHandler: SimHandler = { name, to: 'unknown', level: 0, filters: [], definedAt: fromDefaults ? undefined : at };
    if (config.k !== 'dict') {
      if (config.k === 'unknown' || config.k === 'call' || config.k === 'ref') {
        this.unknown(`handler ${q(name)}`);
        return unknownHandler;
      }
      this.fatal('invalid', `gunicorn fails to start: handler ${q(name)} must be a dict, not ${describeValue(config)}.`, at);
      return undefined;
    }
    if (config.open) this.unknown(`handler ${q(name)} may hold keys set elsewhere`);
    const handler: SimHandler = { name, to: 'unknown', level: 0, filters: [], definedAt: fromDefaults ? undefined : at };
    // formatter
    const formatterEntry = dictGet(config, 'formatter');
    if (formatterEntry && pyTruthy(formatterEntry.value) !== false) {
      const ref = formatterEntry.value;
      const exists = this.has('formatters', ref);
      if (exists === false) {
        const defined = this.definedNames('formatters');
        const replaced = this.section('formatters');
        if (fromDefaults && replaced && !replaced.fromDefaults && ref.k === 'str') {
          // Reported once for all default handlers, after the handlers are configured.
          const users = this.missingDefaultFormatters.get(ref.v) ?? [];
          users.push(name);
          this.missingDefaultFormatters.set(ref.v, users);
          return undefined;
        }
        this.fatal(
          'undefined-formatter',
          `gunicorn fails to start: handler ${q(name)} uses formatter ${describeValue(ref)}, which ${defined.length ? `is not among the formatters (${defined.map(q).join(', ')})` : 'is not defined'}.`,
          placeOf(formatterEntry.valueSpan, at),
        );
        return undefined;
      }
      if (exists === undefined) this.unknown(`formatter ${describeValue(ref)}`);
      else if (ref.k === 'str') handler.formatter = this.formatters.get(ref.v) ?? (this.failedFormatters.has(ref.v) ? { formatError: 'unknown' } : {});
    } else {
      handler.formatter = {};
    }
    // level and filters
    const fatalBefore = this.problems.filter((p) => p.fatal).length;
    const levelEntry = dictGet(config, 'level');
    const level = this.level(levelEntry?.value, `handler ${q(name)}`, levelEntry ? placeOf(levelEntry.valueSpan, at) : at);
    if (level === undefined) handler.level = undefined;
    else if (level !== 'skip') handler.level = level;
    const filtersEntry = dictGet(config, 'filters');
    handler.filters = this.filterList(filtersEntry?.value, `handler ${q(name)}`, filtersEntry ? placeOf(filtersEntry.valueSpan, at) : at);
    if (this.problems.filter((p) => p.fatal).length > fatalBefore) return undefined;
    // class
    const factoryEntry = dictGet(config, '()');
    let classPath: string | undefined;
    if (factoryEntry) {
      classPath = factoryEntry.value.k === 'ref' ? factoryEntry.value.path : factoryEntry.value.k === 'str' ? factoryEntry.value.v : undefined;
    } else {
      const cls = dictGet(config, 'class');
      if (!cls) {
        if (config.open) {
          this.unknown(`handler ${q(name)}'s class`);
          return unknownHandler;
        }
        this.fatal('handler-class', `gunicorn fails to start: handler ${q(name)} has no "class" (a dotted path such as "logging.StreamHandler").`, at);
        return undefined;
      }
      const v = cls.value;
      const clsAt = placeOf(cls.valueSpan, at);
      if (v.k === 'ref' || v.k === 'func') {
        this.fatal(
          'handler-class',
          `gunicorn fails to start: handler ${q(name)}'s "class" must be a dotted path string ("${v.k === 'ref' ? v.path : v.name}" in quotes); dictConfig calls str.split on it (Python 3.11 and older).`,
          clsAt,
        );
        return undefined;
      }
      if (v.k !== 'str') {
        if (isKnownScalar(v) || v.k === 'list' || v.k === 'dict' || v.k === 'tuple') {
          this.fatal('handler-class', `gunicorn fails to start: handler ${q(name)}'s "class" must be a dotted path string, not ${describeValue(v)}.`, clsAt);
          return undefined;
        }
        this.unknown(`handler ${q(name)}'s class`);
        return unknownHandler;
      }
      classPath = v.v;
      const resolved = resolvesTo(v.v);
      if (resolved === 'not-class') {
        const hint = !v.v.includes('.') && `logging.${v.v}` in HANDLER_CLASSES ? ` ("logging.${v.v}")` : !v.v.includes('.') && `logging.handlers.${v.v}` in HANDLER_CLASSES ? ` ("logging.handlers.${v.v}")` : '';
        this.fatal('handler-class', `gunicorn fails to start: handler ${q(name)}'s class "${v.v}" is not a dotted path to a handler class${hint}.`, clsAt);
        return undefined;
      }
      if (resolved === 'missing') {
        const last = v.v.split('.').pop()!;
        const near = Object.keys(HANDLER_CLASSES).find((k) => k.split('.').pop()!.toLowerCase() === last.toLowerCase() || editDistance(k.split('.').pop()!, last) <= 2);
        this.fatal('handler-class', `gunicorn fails to start: handler ${q(name)}'s class "${v.v}" does not exist${near ? ` (did you mean "${near}"?)` : ''}.`, clsAt);
        return undefined;
      }
    }
    const known = classPath ? HANDLER_CLASSES[classPath] : undefined;
    if (!known) {
      this.unknown(`handler ${q(name)} uses ${classPath ?? 'a factory obsconf cannot read'}`);
      return { ...handler, to: 'unknown' };
    }
    // keyword arguments
    const reserved = new Set(['formatter', 'level', 'filters', 'class', '()', '.']);
    const kwargs = config.entries.filter((e) => !(e.key.k === 'str' && reserved.has(e.key.v)));
    for (const e of kwargs) {
      if (e.key.k !== 'str' || !IDENTIFIER.test(e.key.v)) {
        this.fatal('invalid', `gunicorn fails to start: handler ${q(name)} has key ${describeValue(e.key)}, which is not a valid keyword argument name for ${classPath}.`, placeOf(e.keySpan, at));
        return undefined;
      }
      if (!known.params.includes(e.key.v)) {
        this.fatal('invalid', `gunicorn fails to start: ${classPath}() got an unexpected keyword argument "${e.key.v}" (handler ${q(name)}); it takes ${known.params.length ? known.params.map(q).join(', ') : 'none'}.`, placeOf(e.keySpan, at));
        return undefined;
      }
    }
    const missing = known.required.find((r) => !dictGet(config, r));
    if (missing) {
      this.fatal('invalid', `gunicorn fails to start: handler ${q(name)} (${classPath}) needs "${missing}".`, at);
      return undefined;
    }
    if (known.kind === 'null') return { ...handler, to: 'nowhere' };
    if (known.kind === 'file') {
      const filename = dictGet(config, 'filename')!.value;
      const delay = dictGet(config, 'delay')?.value;
      if (!(filename.k === 'str' && filename.v === '/dev/null') && !(delay && pyTruthy(delay) === true)) this.unknown(`whether handler ${q(name)} can open ${describeValue(filename)}`);
      return { ...handler, to: 'file' };
    }
    const stream = dictGet(config, 'stream')?.value;
    return { ...handler, to: streamOf(stream) };
  }

  private definedNames(section: string): string[] {
    const d = asDict(this.section(section)?.value);
    return d ? d.entries.map((e) => str(e.key)).filter((s): s is string => s !== undefined) : [];
  }

  // ---- loggers

  private logger(name: string): SimLogger {
    if (name === '' || name === 'root') return name === '' ? this.root : this.loggers.get('root') ?? this.create('root');
    return this.loggers.get(name) ?? this.create(name);
  }

  private create(name: string): SimLogger {
    const logger: SimLogger = { name, level: 0, handlers: [], propagate: true, disabled: false, filters: [], real: true };
    this.loggers.set(name, logger);
    return logger;
  }

  /** `configure_logger` / `configure_root`: level, handlers (replacing the logger's), filters, propagate. */
  private configureLogger(logger: SimLogger, entry: DictEntry, label: string, isRoot: boolean): void {
    const config = entry.value;
    const sectionKey = isRoot ? 'root' : 'loggers';
    const at = placeOf(entry.valueSpan, this.sectionAnchor(sectionKey));
    if (config.k !== 'dict') {
      if (config.k === 'unknown' || config.k === 'call' || config.k === 'ref') {
        this.unknown(label);
        logger.handlers = undefined;
        return;
      }
      this.fatal('invalid', `gunicorn fails to start: ${label} must be a dict, not ${describeValue(config)}.`, at);
      return;
    }
    if (config.open) this.unknown(`${label} may hold keys set elsewhere`);
    const levelEntry = dictGet(config, 'level');
    const level = this.level(levelEntry?.value, label, levelEntry ? placeOf(levelEntry.valueSpan, at) : at);
    if (level === undefined) logger.level = undefined;
    else if (level !== 'skip') logger.level = level;
    logger.handlers = [];
    const handlersEntry = dictGet(config, 'handlers');
    const hv = handlersEntry?.value;
    const fromDefaults = isFromDefaults(entry.valueSpan);
    if (hv && pyTruthy(hv) !== false) {
      const items = namesIn(hv);
      if (!items) {
        this.unknown(`handlers of ${label}`);
        logger.handlers = undefined;
      } else {
        for (const item of items) {
          const exists = this.has('handlers', item);
          if (exists === false) {
            this.reportMissingHandler(item, label, handlersEntry!, at, fromDefaults);
            logger.handlers = undefined;
            return;
          }
          if (exists === undefined || item.k !== 'str') {
            this.unknown(`handler ${describeValue(item)}`);
            logger.handlers = undefined;
            continue;
          }
          const handler = this.handlers.get(item.v);
          if (!handler) {
            // It failed to configure: its own problem is reported; this reference is not another one.
            logger.handlers = undefined;
            continue;
          }
          logger.handlers?.push(handler);
        }
      }
    }
    const filtersEntry = dictGet(config, 'filters');
    logger.filters = this.filterList(filtersEntry?.value, label, filtersEntry ? placeOf(filtersEntry.valueSpan, at) : at);
    if (!isRoot) {
      logger.disabled = false;
      const propagate = dictGet(config, 'propagate');
      if (propagate && propagate.value.k !== 'none') logger.propagate = pyTruthy(propagate.value);
    }
  }

  /** Handlers that gunicorn's default loggers name but the file's "handlers" section lacks: handler → the loggers naming it. */
  private readonly missingDefaults = new Map<string, string[]>();

  private reportMissingHandler(item: PyVal, label: string, handlersEntry: DictEntry, at: Span, loggerFromDefaults: boolean): void {
    const defined = this.definedNames('handlers');
    const handlersSection = this.section('handlers');
    const name = describeValue(item);
    if (loggerFromDefaults && handlersSection && !handlersSection.fromDefaults && item.k === 'str') {
      // The classic: "handlers" replaces gunicorn's handlers as a whole while the default loggers still name console/error_console.
      const users = this.missingDefaults.get(item.v) ?? [];
      users.push(label);
      this.missingDefaults.set(item.v, users);
      return;
    }
    this.fatal(
      'undefined-handler',
      `gunicorn fails to start: ${label} uses handler ${name}, which ${defined.length ? `is not among the handlers (${defined.map(q).join(', ')})` : 'is not defined'}.`,
      placeOf(item, placeOf(handlersEntry.valueSpan, at)),
    );
  }

  /** One problem for all default loggers that name handlers the file's "handlers" section left out. */
  reportMissingDefaults(): void {
    if (this.missingDefaults.size === 0) return;
    const missing = [...this.missingDefaults.keys()];
    const parts = [...this.missingDefaults].map(([handler, users]) => `${q(handler)} (used by gunicorn's default ${users.join(' and ')})`);
    this.fatal(
      'undefined-handler',
      `gunicorn fails to start: "handlers" replaces gunicorn's whole handlers section (logconfig_dict is merged shallowly) and lacks ${parts.join(' and ')}. Define ${missing.map(q).join(' and ')} in "handlers", or override "root" and "loggers" as well.`,
      this.sectionAnchor('handlers'),
    );
  }

  configureLoggers(disableExisting: Tri): void {
    const entries = this.sectionEntries('loggers') ?? [];
    const existing = ['gunicorn', 'gunicorn.access', 'gunicorn.error'];
    const configured = new Set<string>();
    const children = new Set<string>();
    for (const entry of entries) {
      const name = this.nameOf(entry);
      if (name === undefined) {
        this.unknown('a logger with a computed name');
        continue;
      }
      if (existing.includes(name)) {
        for (const other of existing) if (other.startsWith(name + '.')) children.add(other);
      }
      configured.add(name);
      const logger = name === '' ? this.root : this.logger(name);
      logger.real = true;
      this.configureLogger(logger, entry, name === '' ? 'the root logger' : `logger ${q(name)}`, name === '');
    }
    for (const name of ['gunicorn.access', 'gunicorn.error']) {
      if (configured.has(name)) continue;
      const logger = this.logger(name);
      if (children.has(name)) {
        logger.level = 0;
        logger.handlers = [];
        logger.propagate = true;
      } else {
        logger.disabled = disableExisting;
      }
    }
  }

  configureRoot(): void {
    const root = this.section('root');
    if (!root || pyTruthy(root.value) === false) return;
    if (pyTruthy(root.value) === undefined) this.unknown('the root section');
    const entry: DictEntry = { key: { k: 'str', v: 'root', from: -1, to: -1 }, value: root.value, keySpan: root.keySpan ?? root.value, valueSpan: root.value };
    this.configureLogger(this.root, entry, 'root logger', true);
  }

  // ---- a line through the hierarchy

  /** `Logger.info(…)` on `name`: `isEnabledFor`, logger filters, then `callHandlers` up the hierarchy. */
  route(name: 'gunicorn.error' | 'gunicorn.access'): LineResult {
    const result: LineResult = { known: true, emissions: [], counts: { stdout: 0, stderr: 0 } };
    const logger = this.logger(name);
    if (logger.disabled === true) return result;
    if (logger.disabled === undefined) return { ...result, known: false };
    const chain: SimLogger[] = [logger];
    const parent = this.loggers.get('gunicorn');
    if (parent && parent.real) chain.push(parent);
    chain.push(this.root);
    // Effective level: the first logger with a level set.
    let effective: number | undefined;
    for (const l of chain) {
      if (l.level === undefined) return { ...result, known: false };
      if (l.level !== 0) {
        effective = l.level;
        break;
      }
    }
    if ((effective ?? 0) > INFO) return result;
    if (!passes(logger.filters, name)) return result;
    if (logger.filters === undefined || logger.filters.some((f) => f.name === undefined)) result.known = false;
    for (const l of chain) {
      if (l.handlers === undefined) {
        result.known = false;
      } else {
        for (const h of l.handlers) {
          if (h.level === undefined) {
            result.known = false;
            continue;
          }
          if (INFO < h.level) continue;
          if (h.filters === undefined || h.filters.some((f) => f.name === undefined)) result.known = false;
          if (!passes(h.filters, name)) continue;
          const formatError = h.formatter?.formatError;
          if (formatError === 'unknown') result.known = false;
          const emission: Emission = { handler: h.name, logger: l.name, to: h.to, definedAt: h.definedAt };
          if (formatError && formatError !== 'unknown') emission.formatError = formatError;
          result.emissions.push(emission);
          if (h.to === 'unknown') result.known = false;
          else if ((h.to === 'stdout' || h.to === 'stderr') && !emission.formatError) result.counts[h.to]++;
        }
      }
      if (l.propagate === undefined) {
        result.known = false;
        break;
      }
      if (!l.propagate) break;
    }
    for (const s of ['stderr', 'stdout'] as const) if (result.counts[s] >= 2) result.duplicatedOn = s;
    return result;
  }

  /** gunicorn's own handlers (`Logger.setup` before dictConfig): errorlog on gunicorn.error, accesslog on gunicorn.access. */
  installGunicornHandlers(settings: LoggingSettings): void {
    const errorLogger = this.logger('gunicorn.error');
    const accessLogger = this.logger('gunicorn.access');
    errorLogger.propagate = false;
    accessLogger.propagate = false;
    const loglevel = settings.loglevel?.value;
    if (!loglevel) errorLogger.level = INFO;
    else if (loglevel.k === 'str') errorLogger.level = SETTING_DEFAULTS.logLevels[loglevel.v.toLowerCase()] ?? INFO;
    else errorLogger.level = undefined;
    accessLogger.level = INFO;
    const own = (setting: { value: PyVal } | undefined, fallback: string | null, streamIfDash: 'stdout' | 'stderr', label: string): SimHandler[] | undefined => {
      const v = setting?.value;
      if (!v) return fallback === null ? [] : [{ name: label, to: streamIfDash, level: 0, filters: [], formatter: {} }];
      if (v.k === 'none') return [];
      if (v.k === 'str') return [{ name: label, to: v.v === '-' ? streamIfDash : 'file', level: 0, filters: [], formatter: {} }];
      return undefined;
    };
    // gunicorn ≥ 20 passes sys.stdout for the access log; the error log's StreamHandler() writes to stderr.
    errorLogger.handlers = own(settings.errorlog, SETTING_DEFAULTS.errorlog, 'stderr', "gunicorn's errorlog handler");
    accessLogger.handlers = own(settings.accesslog, SETTING_DEFAULTS.accesslog, 'stdout', "gunicorn's accesslog handler");
    if (errorLogger.handlers === undefined) this.unknown('errorlog');
    if (accessLogger.handlers === undefined) this.unknown('accesslog');
    // The parent "gunicorn" exists only as a placeholder until something configures it.
    this.loggers.set('gunicorn', { name: 'gunicorn', level: 0, handlers: [], propagate: true, disabled: false, filters: [], real: false });
  }
}

/** What `for name in value` yields for a list of names (a string yields its characters); undefined when not known. */
function namesIn(v: PyVal): PyVal[] | undefined {
  if (v.k === 'list' || v.k === 'tuple') return v.open ? undefined : v.items;
  if (v.k === 'str') return [...v.v].map((c) => ({ ...v, v: c }));
  return undefined;
}

function passes(filters: SimFilter[] | undefined, loggerName: string): boolean {
  for (const f of filters ?? []) {
    if (f.name === undefined || f.name === '') continue;
    if (loggerName !== f.name && !loggerName.startsWith(f.name + '.')) return false;
  }
  return true;
}

/** Where a StreamHandler writes: `stream` as dictConfig converts it (`ext://sys.stdout`), None meaning stderr. */
function streamOf(v: PyVal | undefined): Emission['to'] {
  if (!v || v.k === 'none') return 'stderr';
  if (v.k === 'str') {
    if (v.v === 'ext://sys.stdout') return 'stdout';
    if (v.v === 'ext://sys.stderr') return 'stderr';
    return 'unknown';
  }
  if (v.k === 'ref') {
    if (v.path === 'sys.stdout') return 'stdout';
    if (v.path === 'sys.stderr') return 'stderr';
  }
  return 'unknown';
}

/** `CONFIG_DEFAULTS.copy(); config.update(logconfig_dict)`: top-level keys of the file replace whole sections. */
export function mergeWithDefaults(user: PyVal & { k: 'dict' }): MergedSection[] {
  const sections = new Map<string, MergedSection>();
  for (const [key, value] of Object.entries(CONFIG_DEFAULTS)) sections.set(key, { key, value: defaultValue(value), fromDefaults: true });
  for (const e of user.entries) {
    if (e.key.k !== 'str') continue;
    sections.set(e.key.v, { key: e.key.v, value: e.value, fromDefaults: false, keySpan: e.keySpan });
  }
  return [...sections.values()];
}

/** The whole model for one gunicorn config file's logging settings. */
export function modelLogging(settings: LoggingSettings): LoggingModel {
  const problems: LogProblem[] = [];
  const unknowns: string[] = [];
  const dict = settings.logconfig_dict;
  const emptyLines = (): LineResult => ({ known: true, emissions: [], counts: { stdout: 0, stderr: 0 } });
  if (settings.logger_class && !(settings.logger_class.value.k === 'str' && /^(gunicorn\.glogging\.Logger)?$/.test(settings.logger_class.value.v))) {
    unknowns.push('a custom logger_class');
  }
  for (const key of ['syslog', 'capture_output'] as const) {
    const v = settings[key]?.value;
    if (v && pyTruthy(v) !== false) unknowns.push(key);
  }
  let uses: LoggingModel['uses'] = 'builtin';
  let merged: MergedSection[] | undefined;
  if (dict) {
    const v = dict.value;
    if (v.k !== 'dict') {
      if (v.k === 'unknown' || v.k === 'call' || v.k === 'ref') {
        unknowns.push('logconfig_dict is not a literal');
        return { uses: 'unknown', verdict: 'unknown', problems, unknowns, lines: { error: { ...emptyLines(), known: false }, access: { ...emptyLines(), known: false } } };
      }
      problems.push({ kind: 'invalid', fatal: true, message: `gunicorn refuses the config file: logconfig_dict must be a dict, not ${describeValue(v)}.`, at: dict.at });
      return { uses: 'logconfig_dict', verdict: 'fails', problems, unknowns, lines: { error: emptyLines(), access: emptyLines() } };
    }
    if (v.entries.length > 0 || v.open) {
      uses = v.entries.length > 0 ? 'logconfig_dict' : 'unknown';
      merged = mergeWithDefaults(v);
    }
  }
  const sim = new Simulation(new Map((merged ?? []).map((s) => [s.key, s])), dict?.at ?? { from: 0, to: 0 });
  sim.installGunicornHandlers(settings);
  if (uses === 'builtin' && settings.logconfig_json?.value && pyTruthy(settings.logconfig_json.value) !== false) {
    uses = 'logconfig_json';
    sim.unknown('logconfig_json names a file obsconf does not read');
  } else if (uses === 'builtin' && settings.logconfig?.value && pyTruthy(settings.logconfig.value) !== false) {
    uses = 'logconfig';
    sim.unknown('logconfig names a file obsconf does not read');
  }
  if (merged) runDictConfig(sim, new Map(merged.map((s) => [s.key, s])));
  const accessLogged =
    pyTruthy(settings.accesslog?.value ?? { k: 'none', from: 0, to: 0 }) === true ||
    uses !== 'builtin' ||
    pyTruthy(settings.logconfig?.value ?? { k: 'none', from: 0, to: 0 }) === true;
  const lines = { error: sim.route('gunicorn.error'), access: accessLogged ? sim.route('gunicorn.access') : emptyLines() };
  problems.push(...sim.problems);
  unknowns.push(...sim.unknowns);
  const verdict: Verdict = problems.some((p) => p.fatal) ? 'fails' : unknowns.length ? 'unknown' : 'starts';
  if (verdict === 'fails') {
    lines.error = emptyLines();
    lines.access = emptyLines();
  }
  return { uses, verdict, problems, unknowns, lines, merged };
}

function runDictConfig(sim: Simulation, sections: Map<string, MergedSection>): void {
  const version = sections.get('version')!;
  const eq = pyEq(version.value, { k: 'int', v: 1, from: -1, to: -1 });
  if (eq === false) {
    sim.fatal('invalid', `gunicorn fails to start: dictConfig supports only version 1, not ${describeValue(version.value)}.`, placeOf(version.value, version.keySpan ?? { from: 0, to: 0 }));
    return;
  }
  if (eq === undefined) sim.unknown('version');
  const incremental = sections.get('incremental');
  if (incremental) {
    const t = pyTruthy(incremental.value);
    if (t === undefined) {
      sim.unknown('incremental');
      return;
    }
    if (t) {
      const handlers = asDict(sections.get('handlers')?.value);
      const first = handlers?.entries[0];
      if (first) {
        sim.fatal(
          'invalid',
          `gunicorn fails to start: with "incremental": True dictConfig only adjusts handlers that already exist, and ${describeValue(first.key)} does not exist when gunicorn starts${isFromDefaults(first.keySpan) ? " (gunicorn's default handlers section names it)" : ''}.`,
          placeOf(incremental.value, incremental.keySpan ?? { from: 0, to: 0 }),
        );
      } else sim.unknown('incremental configuration');
      return;
    }
  }
  const disable = sections.get('disable_existing_loggers');
  const disableExisting = disable ? pyTruthy(disable.value) : true;
  sim.configureFormatters();
  sim.configureFilters();
  sim.configureHandlers();
  sim.configureLoggers(disableExisting);
  sim.configureRoot();
  sim.reportMissingDefaults();
}
