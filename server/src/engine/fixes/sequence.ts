import type { YAMLMap } from 'yaml';
import type { DocEdit } from './text';
import {
  afterItem,
  Field,
  hostSequence,
  insertIntoEmpty,
  itemLayout,
  ItemLayout,
  itemLineStart,
  mapItems,
  rawScalar,
  removeItem,
  renderItem,
  SequenceHost,
} from './yamlEdit';

/** A new item of a numbered block (metrics-1..N): its worker number and fields. */
export interface NewItem {
  worker: number;
  fields: Field[];
}

export interface SequencePlan {
  host: SequenceHost;
  /** The worker number an existing item stands for, if any. */
  workerOf(item: YAMLMap): number | undefined;
  add: NewItem[];
  remove: YAMLMap[];
  /** Keys copied verbatim from the template sibling when the new item does not set them (protocol, interval…). */
  copyKeys?: string[];
}

/**
 * Edits that add and remove items of one sequence. A new item for worker k
 * goes right after the kept item of the highest worker below k (so that
 * metrics-4 lands between metrics-3 and metrics-5), else after the last item;
 * it is rendered like its nearest numbered sibling. Undefined when the
 * sequence is not editable (flow style).
 */
export function planSequence(plan: SequencePlan): DocEdit[] | undefined {
  const { host } = plan;
  const doc = host.doc;
  const seq = hostSequence(host);
  if (seq === null) return undefined;
  const items = mapItems(seq);
  const removed = new Set(plan.remove);
  const kept = items.filter((item) => !removed.has(item));
  const edits: DocEdit[] = [];
  for (const item of plan.remove) {
    const edit = removeItem(doc, item);
    if (!edit) return undefined;
    edits.push(edit);
  }
  if (plan.add.length === 0) return edits;

  const numbered = items.filter((item) => plan.workerOf(item) !== undefined);
  const templateFor = (worker: number): YAMLMap | undefined => {
    let best: YAMLMap | undefined;
    let distance = Infinity;
    for (const item of numbered) {
      const d = Math.abs((plan.workerOf(item) ?? 0) - worker);
      if (d < distance) [best, distance] = [item, d];
    }
    return best ?? items[items.length - 1];
  };
  const render = (item: NewItem, fallback: ItemLayout | undefined): string | undefined => {
    const template = templateFor(item.worker);
    const layout = (template && itemLayout(doc, template)) ?? fallback;
    if (!layout) return undefined;
    const fields = [...item.fields];
    for (const key of plan.copyKeys ?? []) {
      if (fields.some((f) => f.key === key) || !template) continue;
      const raw = rawScalar(doc, template, key);
      if (raw !== undefined) fields.push({ key, raw });
    }
    return renderItem(doc, fields, layout, template);
  };

  const sortedAdds = [...plan.add].sort((a, b) => a.worker - b.worker);
  if (items.length === 0) {
    let failed = false;
    const edit = insertIntoEmpty(host, (layout) =>
      sortedAdds
        .map((item) => {
          const text = render(item, layout);
          if (text === undefined) failed = true;
          return text ?? '';
        })
        .join(''),
    );
    if (!edit || failed) return undefined;
    return [edit];
  }

  const inserts = new Map<number, string>();
  for (const item of sortedAdds) {
    const firstGreater = kept.findIndex((k) => (plan.workerOf(k) ?? -Infinity) > item.worker);
    let offset: number;
    if (firstGreater > 0) offset = afterItem(doc, kept[firstGreater - 1]);
    else if (firstGreater === 0) offset = itemLineStart(doc, kept[0]);
    else if (kept.length) offset = afterItem(doc, kept[kept.length - 1]);
    else offset = itemLineStart(doc, items[0]);
    const text = render(item, undefined);
    if (text === undefined) return undefined;
    const eolNeeded = offset === doc.text.length && doc.text.length > 0 && !doc.text.endsWith('\n');
    inserts.set(offset, (inserts.get(offset) ?? (eolNeeded ? (doc.text.includes('\r\n') ? '\r\n' : '\n') : '')) + text);
  }
  for (const [offset, text] of inserts) {
    // An insertion where a removed item starts becomes part of that removal (no two edits start at one place).
    const removal = edits.find((e) => e.start === offset && e.end > e.start);
    if (removal) removal.newText = text + removal.newText;
    else edits.push({ doc, start: offset, end: offset, newText: text });
  }
  return edits;
}
