/** Prometheus' model.ParseDuration (also prometheus-operator's Duration pattern): units y w d h m s ms, largest first. */
const DURATION = /^(?:0|(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?)$/;
const UNIT_MS = [365 * 24 * 3600e3, 7 * 24 * 3600e3, 24 * 3600e3, 3600e3, 60e3, 1e3, 1];

/** Milliseconds, or undefined when the text is not a Prometheus duration. */
export function parsePrometheusDuration(text: string): number | undefined {
  if (text === '' ) return undefined;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  if (text === '0') return 0;
  if (match.slice(1).every((g) => g === undefined)) return undefined;
  return match.slice(1).reduce((total, group, i) => total + (group ? Number(group) * UNIT_MS[i] : 0), 0);
}
