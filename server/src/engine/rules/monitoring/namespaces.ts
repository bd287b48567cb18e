import type { Span } from '../../documents/yamlAccess';
import type { LabelSelector, Monitor } from '../../model/kubernetes';
import { monitorNamespaces } from '../../workspace/selectors';
import type { WorkspaceQueries } from '../types';

/** The namespaces a monitor's namespaceSelector allows, in words: "namespace app", "any namespace". */
export function allowedNamespaces(monitor: Monitor): string {
  const namespaces = monitorNamespaces(monitor);
  return namespaces === 'any' ? 'any namespace' : namespaces.length === 1 ? `namespace ${namespaces[0]}` : `namespaces ${namespaces.join(', ')}`;
}

/** A monitor with a selector that matches no Service of the workspace, neither in the namespaces it watches nor elsewhere. */
export function selectsNoService(monitor: Monitor, workspace: WorkspaceQueries): monitor is Monitor & { selector: LabelSelector; selectorSpan: Span } {
  if (!monitor.selector || !monitor.selectorSpan) return false;
  const { selected, excluded } = workspace.servicesSelectedBy(monitor);
  return selected.length === 0 && excluded.length === 0;
}

/** How many Services the workspace defines in the namespaces the monitor watches. */
export function servicesInWatchedNamespaces(monitor: Monitor, workspace: WorkspaceQueries): number {
  const namespaces = monitorNamespaces(monitor);
  return namespaces === 'any' ? workspace.serviceCountIn('*') : namespaces.reduce((n, ns) => n + workspace.serviceCountIn(ns), 0);
}
