import type { YamlDoc } from '../documents/yamlFile';
import { BUDGET_WINDOWS, budgetFor, errorBudget, formatDuration } from './budget';
import { objectivesOf, ObjectiveSite } from './objectives';

const SOURCE_NAMES: Record<ObjectiveSite['source'], string> = {
  sloth: 'Sloth objective (percent)',
  openslo: 'OpenSLO objective',
  'slo-key': 'SLO (ratio)',
  annotation: 'SLO annotation (percent)',
};

/** The hover text of an objective: its error budget per 30 days, quarter and year (and its own window, when it has one). */
export function objectiveMarkdown(site: ObjectiveSite): string | undefined {
  if (site.ratio === undefined) return undefined;
  const budget = errorBudget(site.ratio);
  const rows = budget.lines.map((line) => `| ${line.label} | ${line.text} |`);
  const own = site.windowSeconds;
  if (own !== undefined && !BUDGET_WINDOWS.some((w) => Math.abs(w.seconds - own) < 1)) {
    rows.unshift(`| ${formatDuration(own)} (this SLO's window) | ${formatDuration(budgetFor(site.ratio, own))} |`);
  }
  return [
    `**${SOURCE_NAMES[site.source]}: ${budget.percentText}** — error budget ${budget.budgetPercentText} of requests (or of the time)`,
    '',
    '| window | allowed failure |',
    '|---|---|',
    ...rows,
    '',
    `A year is 365.25 days, a quarter a fourth of it. Burn rate 1 spends the budget exactly over the window; 14.4 spends 2 % of a 30-day budget in an hour.`,
  ].join('\n');
}

/** The short inlay text after an objective: `≈ 43 min 12 s / 30 d · 8 h 45 min 58 s / y`. */
export function objectiveInlay(site: ObjectiveSite): string | undefined {
  if (site.ratio === undefined) return undefined;
  const budget = errorBudget(site.ratio);
  const month = budget.lines.find((l) => l.id === '30d')!;
  const year = budget.lines.find((l) => l.id === 'year')!;
  return `budget ${month.text} / 30 d · ${year.text} / year`;
}

export function objectiveSites(doc: YamlDoc): ObjectiveSite[] {
  return objectivesOf(doc);
}

