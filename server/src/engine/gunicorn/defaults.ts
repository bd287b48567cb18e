import type { PyVal } from '../python/dictEval';

/**
 * gunicorn's `glogging.CONFIG_DEFAULTS` (identical from 19.8, when
 * `logconfig_dict` appeared, to the current releases): the dictionary that
 * `logconfig_dict` is merged into with `dict.update`, i.e. shallowly.
 */
export const CONFIG_DEFAULTS = {
  version: 1,
  disable_existing_loggers: false,
  root: { level: 'INFO', handlers: ['console'] },
  loggers: {
    'gunicorn.error': { level: 'INFO', handlers: ['error_console'], propagate: true, qualname: 'gunicorn.error' },
    'gunicorn.access': { level: 'INFO', handlers: ['console'], propagate: true, qualname: 'gunicorn.access' },
  },
  handlers: {
    console: { class: 'logging.StreamHandler', formatter: 'generic', stream: 'ext://sys.stdout' },
    error_console: { class: 'logging.StreamHandler', formatter: 'generic', stream: 'ext://sys.stderr' },
  },
  formatters: {
    generic: { format: '%(asctime)s [%(process)d] [%(levelname)s] %(message)s', datefmt: '[%Y-%m-%d %H:%M:%S %z]', class: 'logging.Formatter' },
  },
} as const;

/** The span of values that come from gunicorn's defaults rather than the file. */
export const DEFAULT_SPAN = { from: -1, to: -1 } as const;

export function isFromDefaults(v: { from: number }): boolean {
  return v.from < 0;
}

/** Plain data as evaluator values located at `DEFAULT_SPAN`. */
export function defaultValue(data: unknown): PyVal {
  const s = { ...DEFAULT_SPAN };
  if (data === null || data === undefined) return { k: 'none', ...s };
  if (typeof data === 'string') return { k: 'str', v: data, ...s };
  if (typeof data === 'number') return { k: 'int', v: data, ...s };
  if (typeof data === 'boolean') return { k: 'bool', v: data, ...s };
  if (Array.isArray(data)) return { k: 'list', items: data.map(defaultValue), ...s };
  return {
    k: 'dict',
    entries: Object.entries(data as Record<string, unknown>).map(([key, value]) => ({
      key: { k: 'str', v: key, ...s },
      value: defaultValue(value),
      keySpan: { ...s },
      valueSpan: { ...s },
    })),
    ...s,
  };
}

/** gunicorn's defaults of the settings its logging setup reads (`config.py`). */
export const SETTING_DEFAULTS = {
  errorlog: '-',
  accesslog: null,
  loglevel: 'info',
  /** `Logger.LOG_LEVELS`, looked up with `cfg.loglevel.lower()`, INFO when not found. */
  logLevels: { critical: 50, error: 40, warning: 30, info: 20, debug: 10 } as Record<string, number>,
} as const;
