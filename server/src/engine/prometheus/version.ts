/**
 * Which Prometheus the relabel configs are checked against. Every behaviour
 * that changed between releases is a flag here, so that the validator, the
 * evaluator and the docs agree on one table.
 */
export interface PrometheusVersion {
  major: number;
  minor: number;
  patch: number;
  /** As the user wrote it (or the default). */
  text: string;
}

/** The default when the setting is absent: the current 3.x line. */
export const DEFAULT_PROMETHEUS_VERSION = '3.5';

export function parsePrometheusVersion(text: string | undefined): PrometheusVersion | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec((text ?? '').trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2] ?? 0), patch: Number(match[3] ?? 0), text: text!.trim() };
}

export function resolveVersion(text: string | undefined): PrometheusVersion {
  return parsePrometheusVersion(text) ?? parsePrometheusVersion(DEFAULT_PROMETHEUS_VERSION)!;
}

function atLeast(v: PrometheusVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

export interface VersionFeatures {
  /** Label names are any non-empty UTF-8 (3.0+); before, `[a-zA-Z_][a-zA-Z0-9_]*`. */
  utf8LabelNames: boolean;
  /** Relabel regexes are wrapped in `^(?s:…)$` (3.0+: `.` matches a newline); before, `^(?:…)$`. */
  dotMatchesNewline: boolean;
  /** `lowercase` and `uppercase` actions (2.36+). */
  caseActions: boolean;
  /** `keepequal` and `dropequal` actions (2.41+). */
  equalActions: boolean;
  /** `(?<name>…)` groups: Go 1.22's regexp, which Prometheus is built with from 2.51 on. */
  angleNamedGroups: boolean;
  /** A target address without a port gets :80/:443 (before 3.0). */
  addsDefaultPort: boolean;
}

export function featuresOf(v: PrometheusVersion): VersionFeatures {
  return {
    utf8LabelNames: atLeast(v, 3, 0),
    dotMatchesNewline: atLeast(v, 3, 0),
    caseActions: atLeast(v, 2, 36),
    equalActions: atLeast(v, 2, 41),
    angleNamedGroups: atLeast(v, 2, 51),
    addsDefaultPort: !atLeast(v, 3, 0),
  };
}
