import type { LabelSelector, Monitor, NamespaceSelector } from '../model/kubernetes';

/** A Service's `spec.selector`: every pair must be present. An empty selector selects nothing (endpoints are managed by hand). */
export function serviceSelectorMatches(selector: Map<string, string> | undefined, labels: Map<string, string>): boolean {
  if (!selector || selector.size === 0) return false;
  for (const [key, value] of selector) if (labels.get(key) !== value) return false;
  return true;
}

/** A metav1.LabelSelector: matchLabels and matchExpressions, all must hold; an empty selector matches everything. */
export function labelSelectorMatches(selector: LabelSelector, labels: Map<string, string>): boolean {
  for (const [key, value] of selector.matchLabels) if (labels.get(key) !== value) return false;
  for (const expression of selector.matchExpressions) {
    const has = labels.has(expression.key);
    const value = labels.get(expression.key);
    switch (expression.operator) {
      case 'In':
        if (!has || !expression.values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && expression.values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        // An unknown operator is rejected by the API server; it selects nothing.
        return false;
    }
  }
  return true;
}

/** prometheus-operator's namespaceSelector: `any: true`, else `matchNames`, else the monitor's own namespace. */
export function namespaceAllowed(selector: NamespaceSelector, monitorNamespace: string, namespace: string): boolean {
  if (selector.any) return true;
  if (selector.matchNames && selector.matchNames.length > 0) return selector.matchNames.includes(namespace);
  return namespace === monitorNamespace;
}

export function monitorNamespaces(monitor: Monitor): string[] | 'any' {
  if (monitor.namespaceSelector.any) return 'any';
  if (monitor.namespaceSelector.matchNames && monitor.namespaceSelector.matchNames.length > 0) return monitor.namespaceSelector.matchNames;
  return [monitor.namespace];
}

export function describeSelector(selector: Map<string, string> | LabelSelector): string {
  const parts: string[] = [];
  const matchLabels = selector instanceof Map ? selector : selector.matchLabels;
  for (const [key, value] of matchLabels) parts.push(`${key}=${value}`);
  if (!(selector instanceof Map)) {
    for (const e of selector.matchExpressions) parts.push(`${e.key} ${e.operator}${e.values.length ? ` (${e.values.join(', ')})` : ''}`);
  }
  return parts.length ? parts.join(', ') : '(everything)';
}
