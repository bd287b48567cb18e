import type { Span } from '../python/ast';
import { Binding, EnvLookup, PyVal, StaticModule } from '../python/dictEval';
import { cachedForText, pythonSource, PythonSource } from '../python/source';
import { LoggingModel, LoggingSettings, modelLogging } from './logging';

/**
 * A gunicorn config file (`gunicorn.conf.py`, or any file given to `-c`): the
 * module-level names gunicorn reads after running it (`vars(module)`; names
 * that are not settings are ignored), as static values.
 */

/** Settings whose names, bound at module level, mark a Python file as a gunicorn config. */
const GUNICORN_ONLY_SETTINGS = ['logconfig_dict', 'logconfig_json', 'preload_app', 'worker_class', 'accesslog', 'errorlog', 'access_log_format', 'post_fork', 'when_ready', 'on_starting'];

export interface SettingValue {
  value: PyVal;
  /** The module-level binding gunicorn reads (the last one). */
  binding: Binding;
  /** Where to point: the assigned name. */
  at: Span;
}

export class GunicornConfig {
  readonly module: StaticModule;

  constructor(
    readonly source: PythonSource,
    env?: EnvLookup,
  ) {
    this.module = new StaticModule(source.module, { env });
  }

  /** A setting as gunicorn reads it; undefined when the file does not set it. */
  setting(name: string): SettingValue | undefined {
    const value = this.module.final(name);
    const bindings = this.module.bindings(name);
    const binding = bindings[bindings.length - 1];
    if (!value || !binding) return undefined;
    return { value, binding, at: binding.target };
  }

  loggingSettings(): LoggingSettings {
    const out: LoggingSettings = {};
    for (const key of ['logconfig_dict', 'logconfig_json', 'logconfig', 'errorlog', 'accesslog', 'loglevel', 'syslog', 'capture_output', 'logger_class'] as const) {
      const s = this.setting(key);
      if (s) out[key] = { value: s.value, at: s.at };
    }
    return out;
  }

  logging(): LoggingModel {
    return modelLogging(this.loggingSettings());
  }
}

/** Whether a Python file is (very likely) a gunicorn config file: by name, or by the settings it binds at module level. */
export function looksLikeGunicornConfig(uri: string, text: string): boolean {
  const base = uri.slice(uri.lastIndexOf('/') + 1).toLowerCase();
  if (base.includes('gunicorn')) return true;
  if (!GUNICORN_ONLY_SETTINGS.some((s) => text.includes(s))) return false;
  return GUNICORN_ONLY_SETTINGS.some((s) => new RegExp(`^${s}\\s*(?::[^=\\n]*)?=`, 'm').test(text));
}

/** The config model of a file, cached per file text (without an environment). */
export function gunicornConfigOf(file: { uri: string; text: string }): GunicornConfig {
  return cachedForText(file, 'gunicorn-config', () => new GunicornConfig(pythonSource(file)));
}

/** gunicorn's `validate_pos_int` for `workers`: the count, or why gunicorn refuses it. */
export function workersFrom(value: PyVal): { count?: number; error?: string; env?: string[] } {
  switch (value.k) {
    case 'int':
      return value.v < 0 ? { error: `Value must be positive: ${value.v}` } : { count: value.v };
    case 'bool':
      return { count: Number(value.v) };
    case 'str': {
      const t = value.v.trim();
      if (/^[+-]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0|[1-9]\d*)$/.test(t)) {
        const parsed = (t.startsWith('-') ? -1 : 1) * Number(t.replace(/^[+-]/, ''));
        return parsed < 0 ? { error: `Value must be positive: ${parsed}` } : { count: parsed };
      }
      return { error: `invalid literal for int() with base 0: ${JSON.stringify(value.v)}` };
    }
    case 'unknown':
      return { env: value.env };
    default:
      return {};
  }
}
