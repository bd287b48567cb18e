import type { Finding, Rule, Severity } from './rules/types';
import type { EngineSettings } from './settings';
import type { IndexedFile } from './workspace/index';
import type { K8sObject } from './model/kubernetes';
import { LineIndex } from './documents/lineIndex';
import type { YamlDoc } from './documents/yamlFile';

/** The annotation that switches rules off for one Kubernetes object: a comma-separated list of rule ids. */
export const DISABLE_ANNOTATION = 'obsconf.dev/disable';
export const UNKNOWN_SUPPRESSION_RULE = 'obsconf/unknown-suppression';

const COMMENT = /#\s*obsconf-disable-(next-line|file)\b([^\n]*)/g;
const RULE_ID_TOKEN = /[^\s,]+/g;

interface Suppressions {
  /** Rule ids switched off for the whole file. */
  file: Set<string>;
  /** Line (zero-based) → rule ids switched off on it. */
  lines: Map<number, Set<string>>;
  /** Document id → rule ids switched off by the annotation. */
  docs: Map<number, Set<string>>;
  unknown: Finding[];
}

const cache = new WeakMap<IndexedFile, { text: string; docs: readonly YamlDoc[]; severity: Severity | 'off'; suppressions: Suppressions }>();

export function startLine(finding: Finding): number {
  return 'doc' in finding.at ? finding.at.doc.range(finding.at.span.start, finding.at.span.start).start.line : finding.at.range.start.line;
}

function parseSuppressions(file: IndexedFile, rules: ReadonlyMap<string, Rule>, severity: Severity | 'off'): Suppressions {
  const result: Suppressions = { file: new Set(), lines: new Map(), docs: new Map(), unknown: [] };
  const known = (id: string) => id === 'all' || rules.has(id);
  let lineIndex: LineIndex | undefined;
  const reportUnknown = (id: string, start: number, end: number, where: string, asRange: () => { start: { line: number; character: number }; end: { line: number; character: number } }) => {
    if (severity === 'off') return;
    result.unknown.push({
      ruleId: UNKNOWN_SUPPRESSION_RULE,
      severity,
      at: { uri: file.uri, range: asRange() },
      message: `Unknown rule id "${id}" in ${where}; it suppresses nothing. Rule ids look like "wiring/worker-unscraped".`,
      data: { start, end },
    });
  };
  // Comments are scanned per document and cached with it, so that an edit in a
  // large multi-document file re-scans only the edited document.
  const addComments = (comments: CommentSuppression[], offset: number, line: number, lines: () => LineIndex) => {
    for (const comment of comments) {
      const target = comment.kind === 'file' ? result.file : getOrCreate(result.lines, line + comment.line + 1);
      for (const { id, start } of comment.ids) {
        if (known(id)) {
          target.add(id);
          continue;
        }
        const at = (relative: number) => {
          const p = lines().positionAt(relative);
          return { line: p.line + line, character: p.character };
        };
        reportUnknown(id, offset + start, offset + start + id.length, `an obsconf-disable-${comment.kind} comment`, () => ({ start: at(start), end: at(start + id.length) }));
      }
    }
  };
  const annotated: YamlDoc[] = [];
  if (file.kind === 'yaml' && file.docs.length > 0) {
    for (const doc of file.docs) {
      const found = docSuppressions(doc);
      if (found === NOTHING) continue;
      if (found.comments.length > 0) addComments(found.comments, doc.startOffset, doc.startLine, () => doc.lines);
      if (found.annotated) annotated.push(doc);
    }
  } else {
    const text = file.text;
    const lines = () => (lineIndex ??= new LineIndex(text));
    addComments(scanComments(text, lines), 0, 0, lines);
    annotated.push(...file.docs);
  }
  for (const doc of annotated) {
    for (const object of doc.objects as K8sObject[]) {
      const annotation = object.annotations.get(DISABLE_ANNOTATION);
      if (annotation === undefined) continue;
      const ids = getOrCreate(result.docs, doc.id);
      for (const idMatch of annotation.matchAll(RULE_ID_TOKEN)) {
        const id = idMatch[0];
        if (known(id)) ids.add(id);
        else reportUnknown(id, 0, 0, `the ${DISABLE_ANNOTATION} annotation`, () => doc.range(object.anchor.start, object.anchor.end));
      }
    }
  }
  return result;
}

interface CommentSuppression {
  kind: 'next-line' | 'file';
  /** Line of the comment, and offsets of the ids, relative to the scanned text. */
  line: number;
  ids: { id: string; start: number }[];
}

interface DocSuppressions {
  comments: CommentSuppression[];
  /** Whether an object of the document carries the disable annotation. */
  annotated: boolean;
}

const NOTHING: DocSuppressions = { comments: [], annotated: false };
const docCache = new WeakMap<YamlDoc, DocSuppressions>();

/** What a document suppresses; cached with the document, which never changes (an edit makes a new one). */
function docSuppressions(doc: YamlDoc): DocSuppressions {
  let found = docCache.get(doc);
  if (!found) {
    const comments = scanComments(doc.text, () => doc.lines);
    const annotated = (doc.objects as K8sObject[]).some((object) => object.annotations.has(DISABLE_ANNOTATION));
    found = comments.length > 0 || annotated ? { comments, annotated } : NOTHING;
    docCache.set(doc, found);
  }
  return found;
}

function scanComments(text: string, lines: () => LineIndex): CommentSuppression[] {
  if (!text.includes('obsconf-disable')) return [];
  const comments: CommentSuppression[] = [];
  for (const match of text.matchAll(COMMENT)) {
    const idsText = match[2];
    const idsOffset = (match.index ?? 0) + match[0].length - idsText.length;
    const comment: CommentSuppression = { kind: match[1] as CommentSuppression['kind'], line: lines().positionAt(match.index ?? 0).line, ids: [] };
    for (const idMatch of idsText.matchAll(RULE_ID_TOKEN)) {
      if (idMatch[0] === '--') break; // the rest of the comment is an explanation
      comment.ids.push({ id: idMatch[0], start: idsOffset + (idMatch.index ?? 0) });
    }
    comments.push(comment);
  }
  return comments;
}

function getOrCreate<K>(map: Map<K, Set<string>>, key: K): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/** Drops suppressed findings and adds one for every unknown rule id named in a suppression. */
export function applySuppressions(file: IndexedFile, findings: Finding[], rules: ReadonlyMap<string, Rule>, settings: EngineSettings): Finding[] {
  let cached = cache.get(file);
  const severity = settings.rules[UNKNOWN_SUPPRESSION_RULE] ?? rules.get(UNKNOWN_SUPPRESSION_RULE)?.severity ?? 'warning';
  // A YAML file's suppressions follow from its documents: comparing the document list is enough (and cheap for a large text).
  if (!cached || cached.severity !== severity || (file.kind === 'yaml' ? cached.docs !== file.docs : cached.text !== file.text)) {
    // An editor's large YAML text is not joined just to be remembered here.
    cached = { text: file.kind === 'yaml' ? '' : file.text, docs: file.docs, severity, suppressions: parseSuppressions(file, rules, severity) };
    cache.set(file, cached);
  }
  const s = cached.suppressions;
  const suppressed = (set: Set<string> | undefined, id: string) => set !== undefined && (set.has(id) || set.has('all'));
  const kept = findings.filter((finding) => {
    if (suppressed(s.file, finding.ruleId)) return false;
    if (s.docs.size > 0 && 'doc' in finding.at && suppressed(s.docs.get(finding.at.doc.id), finding.ruleId)) return false;
    if (s.lines.size > 0 && suppressed(s.lines.get(startLine(finding)), finding.ruleId)) return false;
    return true;
  });
  return s.unknown.length ? [...kept, ...s.unknown] : kept;
}
