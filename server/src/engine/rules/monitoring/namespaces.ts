import type { Monitor } from '../../model/kubernetes';
import { monitorNamespaces } from '../../workspace/selectors';

/** The namespaces a monitor's namespaceSelector allows, in words: "namespace app", "any namespace". */
export function allowedNamespaces(monitor: Monitor): string {
  const namespaces = monitorNamespaces(monitor);
  return namespaces === 'any' ? 'any namespace' : namespaces.length === 1 ? `namespace ${namespaces[0]}` : `namespaces ${namespaces.join(', ')}`;
}
