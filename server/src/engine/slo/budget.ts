/** Seconds in a day. */
const DAY = 86_400;

/** The windows error budgets are shown for. A year is 365.25 days (the Julian year), a quarter a fourth of it. */
export const BUDGET_WINDOWS = [
  { id: '30d', label: '30 days', seconds: 30 * DAY },
  { id: 'quarter', label: 'quarter', seconds: (365.25 / 4) * DAY },
  { id: 'year', label: 'year', seconds: 365.25 * DAY },
] as const;

export interface Objective {
  /** The objective as a ratio of good events, 0 < ratio < 1 (0.999 for 99.9 %). */
  ratio: number;
}

export interface BudgetLine {
  id: string;
  label: string;
  /** Allowed bad time in the window, in seconds. */
  seconds: number;
  text: string;
}

export interface ErrorBudget {
  ratio: number;
  /** 1 − ratio: the share of events (or time) allowed to fail. */
  budgetRatio: number;
  percentText: string;
  budgetPercentText: string;
  lines: BudgetLine[];
}

/**
 * Reads an objective written as a percentage ("99.9", "99.9%") or a ratio
 * ("0.999"). Values of 1 or more are percentages; below 1, ratios. Returns an
 * explanation when the value is not a usable objective.
 */
export function parseObjective(input: string | number, form: 'auto' | 'percent' | 'ratio' = 'auto'): { ratio: number } | { error: string } {
  const text = String(input).trim();
  const match = /^([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(%?)$/.exec(text);
  if (!match) return { error: `"${text}" is not a number; write an objective such as 99.9, 99.9% or 0.999.` };
  const value = Number(match[1]);
  const percent = match[2] === '%' || form === 'percent' || (form === 'auto' && value >= 1);
  // Rounded so that 99.9 % is 0.999, not 0.9990000000000001.
  const ratio = percent ? Number((value / 100).toPrecision(15)) : value;
  if (!(ratio > 0)) return { error: `An objective of ${text} allows nothing to succeed; it must be above 0.` };
  if (ratio >= 1) return { error: `An objective of ${text} leaves no error budget (every failure breaches it); it must be below ${percent ? '100 %' : '1'}.` };
  return { ratio };
}

export function errorBudget(ratio: number): ErrorBudget {
  const budgetRatio = 1 - ratio;
  return {
    ratio,
    budgetRatio,
    percentText: `${formatPercent(ratio * 100)} %`,
    budgetPercentText: `${formatPercent(budgetRatio * 100)} %`,
    lines: BUDGET_WINDOWS.map((window) => {
      const seconds = budgetRatio * window.seconds;
      return { id: window.id, label: window.label, seconds, text: formatDuration(seconds) };
    }),
  };
}

/** The budget for any window (e.g. the SLO's own 28 days). */
export function budgetFor(ratio: number, windowSeconds: number): number {
  return (1 - ratio) * windowSeconds;
}

/** A percentage without floating-point noise: 99.9 → "99.9", 99.99000000001 → "99.99". */
export function formatPercent(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/**
 * A duration for people: "52 min 36 s", "3 d 2 h", "4.3 s". Rounded to the
 * second from one minute up; shorter durations keep one decimal.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) {
    if (seconds >= 10) return `${Math.round(seconds)} s`;
    const rounded = Math.round(seconds * 10) / 10;
    if (rounded > 0) return `${rounded} s`;
    return `${Math.round(seconds * 1000)} ms`;
  }
  let rest = Math.round(seconds);
  const parts: string[] = [];
  const units: [number, string][] = [
    [DAY, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return parts.join(' ');
}
