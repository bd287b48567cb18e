import type { SeveritySetting } from './rules/types';

export interface EngineSettings {
  /** Severity overrides per rule id. */
  rules: Record<string, SeveritySetting>;
  wiring: {
    /** Name of worker i's port; `{i}` stands for the worker number. */
    portNamePattern: string;
  };
  maxFileBytes: number;
  /** Prometheus the relabel configs are checked against (`obsconf.prometheus.version`); absent means the current 3.x. */
  prometheus?: { version?: string };
  /** Custom collector preview: `legacy` names (prometheus_client < 0.22, Prometheus 2) or UTF-8 names (`obsconf.collectors.nameValidationScheme`). */
  collectors?: { nameValidationScheme?: 'legacy' | 'utf8' };
}

export const DEFAULT_SETTINGS: EngineSettings = {
  rules: {},
  wiring: { portNamePattern: 'metrics-{i}' },
  maxFileBytes: 16 * 1024 * 1024,
};

export function mergeSettings(base: EngineSettings, override: Partial<EngineSettings> | undefined): EngineSettings {
  if (!override) return base;
  return {
    rules: { ...base.rules, ...(override.rules ?? {}) },
    wiring: { ...base.wiring, ...(override.wiring ?? {}) },
    maxFileBytes: override.maxFileBytes ?? base.maxFileBytes,
    prometheus: { ...base.prometheus, ...(override.prometheus ?? {}) },
    collectors: { ...base.collectors, ...(override.collectors ?? {}) },
  };
}
