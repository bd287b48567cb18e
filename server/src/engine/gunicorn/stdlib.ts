/**
 * Facts about Python's `logging` package that `logging.config.dictConfig`
 * depends on (CPython 3.11, `Lib/logging/__init__.py`, `config.py`,
 * `handlers.py`), and about structlog's `ProcessorFormatter`.
 */

/** `logging._nameToLevel`: level names are case-sensitive. */
export const LEVEL_NAMES: Readonly<Record<string, number>> = {
  CRITICAL: 50,
  FATAL: 50,
  ERROR: 40,
  WARN: 30,
  WARNING: 30,
  INFO: 20,
  DEBUG: 10,
  NOTSET: 0,
};

export const INFO = 20;
/** The root logger's level before anything configures it. */
export const ROOT_DEFAULT_LEVEL = 30;

/** Public names of the `logging` module: `logging.X` for any other X fails to resolve. */
export const LOGGING_NAMES = new Set([
  'BASIC_FORMAT', 'BufferingFormatter', 'CRITICAL', 'DEBUG', 'ERROR', 'FATAL', 'FileHandler', 'Filter', 'Filterer', 'Formatter', 'GenericAlias',
  'Handler', 'INFO', 'LogRecord', 'Logger', 'LoggerAdapter', 'Manager', 'NOTSET', 'NullHandler', 'PercentStyle', 'PlaceHolder', 'RootLogger',
  'StrFormatStyle', 'StreamHandler', 'StringTemplateStyle', 'Template', 'WARN', 'WARNING', 'addLevelName', 'atexit', 'basicConfig',
  'captureWarnings', 'collections', 'config', 'critical', 'currentframe', 'debug', 'disable', 'error', 'exception', 'fatal', 'getLevelName',
  'getLevelNamesMapping', 'getLogRecordFactory', 'getLogger', 'getLoggerClass', 'handlers', 'info', 'io', 'lastResort', 'log',
  'logMultiprocessing', 'logProcesses', 'logThreads', 'makeLogRecord', 'os', 'raiseExceptions', 're', 'root', 'setLogRecordFactory',
  'setLoggerClass', 'shutdown', 'sys', 'threading', 'time', 'traceback', 'warn', 'warning', 'warnings', 'weakref',
]);

/** Public names of `logging.handlers`. */
export const LOGGING_HANDLERS_NAMES = new Set([
  'BaseRotatingHandler', 'BufferingHandler', 'DEFAULT_HTTP_LOGGING_PORT', 'DEFAULT_SOAP_LOGGING_PORT', 'DEFAULT_TCP_LOGGING_PORT',
  'DEFAULT_UDP_LOGGING_PORT', 'DatagramHandler', 'HTTPHandler', 'MemoryHandler', 'NTEventLogHandler', 'QueueHandler', 'QueueListener',
  'RotatingFileHandler', 'SMTPHandler', 'ST_DEV', 'ST_INO', 'ST_MTIME', 'SYSLOG_TCP_PORT', 'SYSLOG_UDP_PORT', 'SocketHandler', 'SysLogHandler',
  'TimedRotatingFileHandler', 'WatchedFileHandler', 'copy', 'io', 'logging', 'os', 'pickle', 'queue', 're', 'socket', 'struct', 'threading', 'time',
]);

export type HandlerKind = 'stream' | 'file' | 'null';

/** Handler classes whose constructor and output obsconf models exactly (keyword parameters, required ones first). */
export const HANDLER_CLASSES: Readonly<Record<string, { params: readonly string[]; required: readonly string[]; kind: HandlerKind }>> = {
  'logging.StreamHandler': { params: ['stream'], required: [], kind: 'stream' },
  'logging.FileHandler': { params: ['filename', 'mode', 'encoding', 'delay', 'errors'], required: ['filename'], kind: 'file' },
  'logging.NullHandler': { params: ['level'], required: [], kind: 'null' },
  'logging.handlers.WatchedFileHandler': { params: ['filename', 'mode', 'encoding', 'delay', 'errors'], required: ['filename'], kind: 'file' },
  'logging.handlers.RotatingFileHandler': {
    params: ['filename', 'mode', 'maxBytes', 'backupCount', 'encoding', 'delay', 'errors'],
    required: ['filename'],
    kind: 'file',
  },
  'logging.handlers.TimedRotatingFileHandler': {
    params: ['filename', 'when', 'interval', 'backupCount', 'encoding', 'delay', 'utc', 'atTime', 'errors'],
    required: ['filename'],
    kind: 'file',
  },
};

/** `logging.Formatter.__init__` keyword parameters. */
export const FORMATTER_PARAMS = ['fmt', 'datefmt', 'style', 'validate', 'defaults'];

/** structlog's `ProcessorFormatter.__init__` keyword parameters of its own (the rest go to `logging.Formatter`). */
export const PROCESSOR_FORMATTER_PARAMS = ['processor', 'processors', 'foreign_pre_chain', 'keep_exc_info', 'keep_stack_info', 'logger', 'pass_foreign_args'];
export const PROCESSOR_FORMATTER = 'structlog.stdlib.ProcessorFormatter';

/** Attributes of a `LogRecord` (plus `message` and `asctime`, set by `Formatter.format`). */
export const RECORD_FIELDS = new Set([
  'args', 'created', 'exc_info', 'exc_text', 'filename', 'funcName', 'levelname', 'levelno', 'lineno', 'module', 'msecs', 'msg', 'name',
  'pathname', 'process', 'processName', 'relativeCreated', 'stack_info', 'thread', 'threadName', 'message', 'asctime', 'taskName',
]);

/** `logging.config.IDENTIFIER`: keys of handler and `()` configs become keyword arguments and must match it. */
export const IDENTIFIER = /^[a-z_][a-z0-9_]*$/i;

/**
 * Whether a dotted path resolves the way `BaseConfigurator.resolve` does it:
 * true/false when the answer is certain, undefined when it depends on what is
 * installed. A name without a dot imports a top-level module, which is never
 * a usable class.
 */
export function resolvesTo(path: string): 'class' | 'missing' | 'not-class' | undefined {
  const parts = path.split('.');
  if (parts.length === 1) return 'not-class';
  if (parts[0] !== 'logging') return undefined;
  if (parts.length === 2) {
    if (!LOGGING_NAMES.has(parts[1])) return 'missing';
    return /^[A-Z][a-z]/.test(parts[1]) && parts[1] !== 'GenericAlias' ? 'class' : 'not-class';
  }
  if (parts[1] === 'handlers' && parts.length === 3) {
    if (!LOGGING_HANDLERS_NAMES.has(parts[2])) return 'missing';
    return /Handler$|Listener$/.test(parts[2]) ? 'class' : 'not-class';
  }
  if (parts[1] === 'config' || parts[1] === 'handlers') return undefined;
  return LOGGING_NAMES.has(parts[1]) ? undefined : 'missing';
}

export type FormatStyle = '%' | '{' | '$';

/**
 * `Formatter(fmt, style=…, validate=True)`: undefined when the format is
 * accepted, else the error `logging` raises. Also returns the record fields
 * the format uses, to tell whether formatting a record will fail.
 */
export function validateFormat(fmt: string, style: FormatStyle): { error?: string; fields: string[] } {
  if (style === '%') {
    const fields = [...fmt.matchAll(/%\((\w+)\)[#0+ -]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxefgcrsa%]/gi)].map((m) => m[1]);
    return fields.length ? { fields } : { error: `Invalid format '${fmt}' for '%' style`, fields };
  }
  if (style === '$') {
    const fields: string[] = [];
    for (const m of fmt.matchAll(/\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*)\}|())/gi)) {
      if (m[2]) fields.push(m[2]);
      else if (m[3]) fields.push(m[3]);
      else if (m[1] === undefined) return { error: "invalid format: bare '$' not allowed", fields };
    }
    return fields.length ? { fields } : { error: 'invalid format: no fields', fields };
  }
  const parsed = parseBraceFormat(fmt);
  if ('error' in parsed) return { error: `invalid format: ${parsed.error}`, fields: [] };
  const fields: string[] = [];
  for (const field of parsed.fields) {
    if (!/^(\d+|\w+)(\.\w+|\[[^\]]+\])*$/.test(field.name)) return { error: `invalid format: invalid field name/expression: '${field.name}'`, fields };
    fields.push(field.name.split(/[.[]/)[0]);
    if (field.conversion !== undefined && !['r', 's', 'a'].includes(field.conversion)) return { error: `invalid format: invalid conversion: '${field.conversion}'`, fields };
    if (field.spec && !/^(.?[<>=^])?[+ -]?#?0?(\d+|\{\w+\})?[,_]?(\.(\d+|\{\w+\}))?[bcdefgnosx%]?$/i.test(field.spec)) {
      return { error: `invalid format: bad specifier: '${field.spec}'`, fields };
    }
  }
  return fields.length ? { fields } : { error: 'invalid format: no fields', fields };
}

/** `string.Formatter().parse`, reduced to the replacement fields. */
function parseBraceFormat(fmt: string): { fields: { name: string; conversion?: string; spec: string }[] } | { error: string } {
  const fields: { name: string; conversion?: string; spec: string }[] = [];
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '}') {
      if (fmt[i + 1] === '}') {
        i++;
        continue;
      }
      return { error: "Single '}' encountered in format string" };
    }
    if (c !== '{') continue;
    if (fmt[i + 1] === '{') {
      i++;
      continue;
    }
    let depth = 1;
    let j = i + 1;
    for (; j < fmt.length && depth > 0; j++) {
      if (fmt[j] === '{') depth++;
      else if (fmt[j] === '}') depth--;
    }
    if (depth > 0) return { error: "expected '}' before end of string" };
    const inner = fmt.slice(i + 1, j - 1);
    const colon = inner.search(/:/);
    const head = colon < 0 ? inner : inner.slice(0, colon);
    const spec = colon < 0 ? '' : inner.slice(colon + 1);
    const bang = head.indexOf('!');
    const name = bang < 0 ? head : head.slice(0, bang);
    const conversion = bang < 0 ? undefined : head.slice(bang + 1);
    if (conversion !== undefined && conversion.length !== 1) return { error: 'expected \':\' after conversion specifier' };
    if (name) fields.push({ name, conversion, spec });
    i = j - 1;
  }
  return { fields };
}
