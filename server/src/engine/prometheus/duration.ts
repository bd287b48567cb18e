/*
 * Prometheus' duration (prometheus/common model.Duration): the grammar of
 * scrape_interval and scrape_timeout in prometheus.yml, of prometheus-operator's
 * Duration fields (interval, scrapeTimeout), and of Alertmanager's route timers
 * and resolve_timeout, which use the same model.Duration.
 */

/** model.ParseDuration (and prometheus-operator's Duration pattern): units y w d h m s ms, largest first, or a bare 0. */
const DURATION = /^(?:0|(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?)$/;
const UNITS: [string, number][] = [
  ['y', 365 * 24 * 3600e3],
  ['w', 7 * 24 * 3600e3],
  ['d', 24 * 3600e3],
  ['h', 3600e3],
  ['m', 60e3],
  ['s', 1e3],
  ['ms', 1],
];

/** Milliseconds, or undefined when the text is not a Prometheus duration. */
export function parsePrometheusDuration(text: string): number | undefined {
  if (text === '') return undefined;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  if (text === '0') return 0;
  if (match.slice(1).every((g) => g === undefined)) return undefined;
  return match.slice(1).reduce((total, group, i) => total + (group ? Number(group) * UNITS[i][1] : 0), 0);
}

/** model.Duration.String(): "0s", else each unit from the largest, such as 1m30s. */
export function formatPrometheusDuration(ms: number): string {
  if (ms === 0) return '0s';
  let out = '';
  let rest = ms;
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}
