/**
 * Kubernetes name validation, as in k8s.io/apimachinery/pkg/util/validation:
 * IsValidPortName (IANA_SVC_NAME, RFC 6335) and IsDNS1123Label.
 * Each returns the reasons a name is invalid; an empty list means valid.
 */
export function ianaSvcNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 1 || name.length > 15) problems.push('must be 1 to 15 characters');
  if (!/^[-a-z0-9]*$/.test(name)) problems.push('may contain only lowercase letters, digits and "-"');
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter');
  if (name.includes('--')) problems.push('must not contain "--"');
  if (name.startsWith('-') || name.endsWith('-')) problems.push('must not begin or end with "-"');
  return problems;
}

export function dns1123LabelProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 63) problems.push('must be at most 63 characters');
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
    problems.push('must consist of lowercase letters, digits and "-", and start and end with a letter or digit');
  }
  return problems;
}

export const VALID_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

export function isValidPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping or list';
  return JSON.stringify(value);
}
