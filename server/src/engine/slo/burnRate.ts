import { stringify } from 'yaml';
import { formatPercent } from './budget';

/**
 * The multi-window, multi-burn-rate alerts of the Google SRE Workbook
 * ("Alerting on SLOs"), for a 30-day SLO. Burn rate = error ratio ÷ (1 − SLO);
 * an alert fires when both its long and its short window burn faster than the
 * threshold (the short window makes it reset quickly once the problem stops).
 */
export const BURN_RATE_WINDOWS = [
  { severity: 'page', long: '1h', short: '5m', burnRate: 14.4, budgetSpent: 0.02 },
  { severity: 'page', long: '6h', short: '30m', burnRate: 6, budgetSpent: 0.05 },
  { severity: 'ticket', long: '1d', short: '2h', burnRate: 3, budgetSpent: 0.1 },
  { severity: 'ticket', long: '3d', short: '6h', burnRate: 1, budgetSpent: 0.1 },
] as const;

/** Every window a recording rule is needed for, shortest first. */
export const RATE_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;

export interface BurnRateOptions {
  /** The service the SLO is about (a label value). */
  service: string;
  /** The SLO's name (a label value), e.g. "requests-availability". */
  slo: string;
  /** The objective as a ratio, 0 < objective < 1. */
  objective: number;
  /** PromQL for the rate of bad events; `$window` stands for the range, e.g. `sum(rate(http_requests_total{code=~"5.."}[$window]))`. */
  errorQuery: string;
  /** PromQL for the rate of all events, with `$window`. */
  totalQuery: string;
  /** `rules`: a Prometheus rule file (`groups:`); `prometheus-operator`: a PrometheusRule object. */
  format: 'rules' | 'prometheus-operator';
  /** Labels added to the alerts; severity is set per alert (page / ticket). */
  alertLabels?: Record<string, string>;
  /** Namespace of the PrometheusRule. */
  namespace?: string;
}

/** The recording rule name of the error ratio over a window. */
export function ratioRecord(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

/** A name Prometheus accepts for an alert (a valid metric name): "checkout-api" + "availability" → CheckoutApiAvailability. */
export function alertBaseName(service: string, slo: string): string {
  const words = `${service} ${slo}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z_]/.test(name) ? name : `Slo${name}`;
}

function threshold(burnRate: number, objective: number): string {
  return `(${burnRate} * (1 - ${formatPercent(objective)}))`;
}

function validateOptions(options: BurnRateOptions): string | undefined {
  if (!(options.objective > 0 && options.objective < 1)) return 'The objective must be a ratio strictly between 0 and 1 (0.999 for 99.9 %).';
  if (!options.errorQuery.includes('$window') || !options.totalQuery.includes('$window')) return 'The error and total queries must use $window where the range goes, e.g. rate(http_requests_total[$window]).';
  if (!options.service.trim() || !options.slo.trim()) return 'The service and SLO names must not be empty.';
  return undefined;
}

/** The rule groups (as plain data) for one SLO. */
export function burnRateGroups(options: BurnRateOptions): { name: string; rules: Record<string, unknown>[] }[] {
  const labels = { slo_service: options.service, slo_name: options.slo };
  const selector = `{slo_service=${JSON.stringify(options.service)}, slo_name=${JSON.stringify(options.slo)}}`;
  const recording = RATE_WINDOWS.map((window) => ({
    record: ratioRecord(window),
    expr: `(${options.errorQuery.split('$window').join(window)})\n/\n(${options.totalQuery.split('$window').join(window)})\n`,
    labels,
  }));
  const base = alertBaseName(options.service, options.slo);
  const percent = `${formatPercent(options.objective * 100)} %`;
  const alert = (severity: 'page' | 'ticket', name: string) => {
    const windows = BURN_RATE_WINDOWS.filter((w) => w.severity === severity);
    const clauses = windows.map(
      (w) =>
        `(\n  ${ratioRecord(w.long)}${selector} > ${threshold(w.burnRate, options.objective)}\nand\n  ${ratioRecord(w.short)}${selector} > ${threshold(w.burnRate, options.objective)}\n)`,
    );
    const spent = windows.map((w) => `${formatPercent(w.budgetSpent * 100)} % in ${w.long}`).join(' or ');
    return {
      alert: name,
      expr: `${clauses.join('\nor\n')}\n`,
      labels: { ...(options.alertLabels ?? {}), severity, ...labels },
      annotations: {
        summary: `${options.service} is burning its ${percent} ${options.slo} error budget ${severity === 'page' ? 'fast' : 'steadily'}.`,
        description: `The error ratio would spend ${spent} of the 30-day error budget (burn rates ${windows.map((w) => w.burnRate).join(' / ')} over ${windows.map((w) => `${w.long} and ${w.short}`).join(', ')}).`,
      },
    };
  };
  return [
    { name: `slo-${options.service}-${options.slo}-recording`, rules: recording },
    { name: `slo-${options.service}-${options.slo}-alerts`, rules: [alert('page', `${base}ErrorBudgetBurnFast`), alert('ticket', `${base}ErrorBudgetBurnSlow`)] },
  ];
}

/** The rule file (or PrometheusRule object) as YAML text, or an explanation of what is wrong with the options. */
export function generateBurnRateRules(options: BurnRateOptions): { text: string } | { error: string } {
  const problem = validateOptions(options);
  if (problem) return { error: problem };
  const groups = burnRateGroups(options);
  const header = `# Multi-window, multi-burn-rate alerts for the ${formatPercent(options.objective * 100)} % ${options.slo} SLO of ${options.service} (30 days).\n# Generated by obsconf; burn rate = error ratio / (1 - SLO), thresholds 14.4 (1h/5m), 6 (6h/30m), 3 (1d/2h), 1 (3d/6h).\n`;
  const body =
    options.format === 'rules'
      ? { groups }
      : {
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'PrometheusRule',
          metadata: { name: `slo-${options.service}-${options.slo}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-'), ...(options.namespace ? { namespace: options.namespace } : {}) },
          spec: { groups },
        };
  return { text: header + stringify(body, { lineWidth: 0, aliasDuplicateObjects: false }) };
}
