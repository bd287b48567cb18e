import type { YamlDoc } from '../documents/yamlFile';
import type { Container, K8sObject, Workload } from '../model/kubernetes';
import type { WorkspaceQueries } from '../rules/types';
import { workerSetup, WorkerSetup } from '../rules/wiring/analysis';
import type { WorkspaceIndex } from '../workspace/index';
import { indexQueries } from './queries';

/** The document of a file that holds a file offset (the first, where two touch), and the offset inside it. */
export function docAtOffset(docs: readonly YamlDoc[], fileOffset: number): { doc: YamlDoc; offset: number } | undefined {
  // The documents lie end to end in file order: the first whose end is at or after the offset holds it, if it starts by then.
  let low = 0;
  let high = docs.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (docs[mid].startOffset + docs[mid].text.length >= fileOffset) high = mid;
    else low = mid + 1;
  }
  const doc = docs[low];
  if (!doc || fileOffset < doc.startOffset) return undefined;
  return { doc, offset: fileOffset - doc.startOffset };
}

/** The document of an indexed YAML file that holds a file offset. */
export function docAt(index: WorkspaceIndex, uri: string, offset: number): YamlDoc | undefined {
  const file = index.files.get(uri);
  if (!file || file.kind !== 'yaml') return undefined;
  return docAtOffset(file.docs, offset)?.doc;
}

/** The Kubernetes object a document declares. */
export function objectOf(doc: YamlDoc | undefined): K8sObject | undefined {
  return (doc?.objects as K8sObject[] | undefined)?.[0];
}

export interface WorkerTarget {
  workload: Workload;
  container: Container;
  setup: WorkerSetup;
}

/**
 * The container whose worker count a command at `offset` means: the one
 * around the offset, else the first container of the file with
 * WEB_CONCURRENCY or METRICS_START_PORT. Its setup is the one the wiring
 * rules use, with the effective worker count (gunicorn config, Dockerfile,
 * Procfile included), so commands and rules agree on N.
 */
export function workerTargetAt(index: WorkspaceIndex, uri: string, offset?: number, queries: WorkspaceQueries = indexQueries(index)): WorkerTarget | undefined {
  const file = index.files.get(uri);
  if (!file || file.kind !== 'yaml') return undefined;
  const docs = offset === undefined ? file.docs : [docAt(index, uri, offset)].filter((d): d is YamlDoc => d !== undefined);
  const found: (WorkerTarget & { inside: boolean })[] = [];
  for (const doc of docs) {
    const object = objectOf(doc);
    if (object?.category !== 'workload') continue;
    for (const container of object.containers) {
      const setup = workerSetup(container, doc.text, queries, object);
      if (!setup) continue;
      const local = offset === undefined ? -1 : offset - doc.startOffset;
      found.push({ workload: object, container, setup, inside: local >= container.span.start && local <= container.span.end });
    }
  }
  return found.find((f) => f.inside) ?? found[0];
}
