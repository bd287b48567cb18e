import type { Monitor, Service, Workload } from '../model/kubernetes';
import type { WorkspaceQueries } from '../rules/types';
import type { IndexedFile, WorkspaceIndex } from '../workspace/index';
import { labelSelectorMatches, namespaceAllowed } from '../workspace/selectors';

/**
 * The rules' workspace queries answered straight from the index, without the
 * linter's dependency tracking: for code actions, hovers and navigation.
 */
export function indexQueries(index: WorkspaceIndex): WorkspaceQueries {
  // One answer per name pattern for the life of these queries (one request): the gunicorn lookups ask the same few patterns per container.
  const byPattern = new Map<string, IndexedFile[]>();
  return {
    filesNamed(pattern) {
      const key = `${pattern.source}/${pattern.flags}`;
      let files = byPattern.get(key);
      if (!files) {
        files = [...index.files.values()].filter((f) => pattern.test(f.uri.slice(f.uri.lastIndexOf('/') + 1))).sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
        byPattern.set(key, files);
      }
      return files;
    },
    workloadsSelectedBy: ((subject: Service | Monitor) => {
      if (subject.category === 'service') return index.workloadsSelectedBy(subject.namespace, subject.selector);
      const selector = subject.selector;
      if (!selector) return { selected: [], excluded: [] };
      const selected: Workload[] = [];
      const excluded: Workload[] = [];
      for (const workload of index.workloadsMatchingLabels(selector)) {
        (namespaceAllowed(subject.namespaceSelector, subject.namespace, workload.namespace) ? selected : excluded).push(workload);
      }
      return { selected, excluded };
    }) as WorkspaceQueries['workloadsSelectedBy'],
    workloadCountIn: (namespace) => index.workloadsIn(namespace).size,
    serviceCountIn: (namespace) => index.servicesIn(namespace).size,
    servicesSelecting: (workload) => index.servicesSelecting(workload),
    servicesSelectedBy(monitor) {
      const selector = monitor.selector;
      if (!selector) return { selected: [], excluded: [] };
      const selected: Service[] = [];
      const excluded: Service[] = [];
      for (const service of index.servicesMatchingLabels(selector)) {
        (namespaceAllowed(monitor.namespaceSelector, monitor.namespace, service.namespace) ? selected : excluded).push(service);
      }
      return { selected, excluded };
    },
    serviceMonitorsSelecting(service) {
      return index
        .serviceMonitorsMatchingLabels(service)
        .filter((m) => m.selector !== undefined && labelSelectorMatches(m.selector, service.labels))
        .filter((m) => namespaceAllowed(m.namespaceSelector, m.namespace, service.namespace));
    },
  };
}
