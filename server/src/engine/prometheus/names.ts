/*
 * Legacy Prometheus names, the only ones before UTF-8 names: prometheus/common's
 * model.MetricNameRE and model.LabelNameRE. prometheus_client's METRIC_NAME_RE
 * and METRIC_LABEL_NAME_RE, and Alertmanager's label names in `match`,
 * `group_by` and `equal`, are the same character sets.
 */

export const LEGACY_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LEGACY_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isLegacyMetricName(name: string): boolean {
  return LEGACY_METRIC_NAME.test(name);
}

export function isLegacyLabelName(name: string): boolean {
  return LEGACY_LABEL_NAME.test(name);
}
