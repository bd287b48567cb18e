import { parse } from 'yaml';
import { RULES_BY_ID } from './rules/index';
import type { SeveritySetting } from './rules/types';
import { DEFAULT_SETTINGS, EngineSettings } from './settings';

export const CONFIG_FILE_NAME = '.obsconf.yaml';
const SEVERITIES: SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface ConfigProblem {
  message: string;
}

/**
 * Reads `.obsconf.yaml`:
 *   rules: { <rule id>: error|warning|info|hint|off }
 *   wiring: { portNamePattern: "metrics-{i}" }
 *   maxFileSizeMB: 16
 *   prometheus: { version: "2.42" }
 *   collectors: { nameValidationScheme: legacy|utf8 }
 * Unknown rule ids and bad values are reported, never fatal.
 */
export function parseConfig(text: string): { settings: Partial<EngineSettings>; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    return { settings: {}, problems: [{ message: `${CONFIG_FILE_NAME} is not valid YAML: ${(error as Error).message.split('\n')[0]}` }] };
  }
  if (raw === null || raw === undefined) return { settings: {}, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings: {}, problems: [{ message: `${CONFIG_FILE_NAME} must be a mapping.` }] };
  const object = raw as Record<string, unknown>;
  const settings: Partial<EngineSettings> = {};
  if (object.rules !== undefined) settings.rules = readSeverities(object.rules, problems, `${CONFIG_FILE_NAME} rules`);
  if (object.wiring && typeof object.wiring === 'object') {
    const pattern = (object.wiring as Record<string, unknown>).portNamePattern;
    if (typeof pattern === 'string' && pattern.includes('{i}')) settings.wiring = { ...DEFAULT_SETTINGS.wiring, portNamePattern: pattern };
    else if (pattern !== undefined) problems.push({ message: `wiring.portNamePattern must be a string containing {i}.` });
  }
  if (typeof object.maxFileSizeMB === 'number' && object.maxFileSizeMB > 0) settings.maxFileBytes = object.maxFileSizeMB * 1024 * 1024;
  if (object.prometheus !== undefined) {
    const version = (object.prometheus as Record<string, unknown> | null)?.version;
    if (typeof version === 'string' && /^v?\d+(\.\d+){0,2}$/.test(version.trim())) settings.prometheus = { version: version.trim() };
    else problems.push({ message: `prometheus.version must be a Prometheus version such as "2.42" or "3.5".` });
  }
  if (object.collectors !== undefined) {
    const scheme = (object.collectors as Record<string, unknown> | null)?.nameValidationScheme;
    if (scheme === 'legacy' || scheme === 'utf8') settings.collectors = { nameValidationScheme: scheme };
    else problems.push({ message: `collectors.nameValidationScheme must be "legacy" or "utf8".` });
  }
  for (const key of Object.keys(object)) {
    if (!['rules', 'wiring', 'maxFileSizeMB', 'prometheus', 'collectors'].includes(key)) problems.push({ message: `Unknown key "${key}" in ${CONFIG_FILE_NAME}.` });
  }
  return { settings, problems };
}

export function readSeverities(value: unknown, problems: ConfigProblem[], where: string): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ message: `${where} must map rule ids to severities.` });
    return out;
  }
  for (const [id, severity] of Object.entries(value as Record<string, unknown>)) {
    if (!RULES_BY_ID.has(id)) problems.push({ message: `${where}: unknown rule id "${id}".` });
    else if (typeof severity !== 'string' || !SEVERITIES.includes(severity as SeveritySetting)) {
      problems.push({ message: `${where}: severity of ${id} must be one of ${SEVERITIES.join(', ')}.` });
    } else out[id] = severity as SeveritySetting;
  }
  return out;
}
