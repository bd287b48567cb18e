import type { Connection } from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PlainDiagnostic, toDiagnostic } from '../engine/diagnostics';
import type { Linter } from '../engine/linter';
import type { YamlDoc } from '../engine/documents/yamlFile';
import type { Finding, Target } from '../engine/rules/types';
import { STATUS_NOTIFICATION, StatusParams } from '../protocol';

/** How long one lint slice may run before the server reads its messages again. */
const SLICE_MS = 30;
/** While a long lint runs (opening a large workspace), what is done so far is published this often. */
const PROGRESS_MS = 250;

/** The documents a finding points into (its target, related locations and fix edits). */
function documentsOf(finding: Finding): YamlDoc[] {
  const docs: YamlDoc[] = [];
  const add = (target: Target) => {
    if ('doc' in target && !docs.includes(target.doc)) docs.push(target.doc);
  };
  add(finding.at);
  if (finding.related) for (const related of finding.related) add(related.at);
  if (finding.fixes) for (const fix of finding.fixes) for (const edit of fix.edits) add(edit.at);
  return docs;
}

interface Converted {
  diagnostic: PlainDiagnostic;
  docs: YamlDoc[];
  /** The start line of each of `docs` when the diagnostic was made. */
  lines: number[];
}

/**
 * Runs the linter when something changed and publishes what moved. There is
 * no fixed debounce: a burst of edits that arrives while a slice runs is
 * coalesced into the next slice, and stale work is dropped by re-parsing only
 * the latest text. A long first lint publishes its progress every
 * PROGRESS_MS rather than after every slice.
 */
export class DiagnosticsPublisher {
  private scheduled = false;
  private readonly counts = new Map<string, { errors: number; warnings: number }>();
  private lastStatus = '';
  private readonly unpublished = new Set<string>();
  private lastPublish = 0;
  /**
   * A finding's diagnostic, converted once: findings are immutable, and only
   * move when lines are inserted above them (a document's start line changes), so
   * an edit in a file with thousands of findings converts only the new ones.
   */
  private readonly converted = new WeakMap<Finding, Converted>();

  constructor(
    private readonly connection: Connection,
    private readonly linter: Linter,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly isReady: () => boolean,
  ) {}

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.runSlice());
  }

  private runSlice(): void {
    this.scheduled = false;
    if (!this.isReady()) return;
    const deadline = Date.now() + SLICE_MS;
    try {
      for (const uri of this.linter.run(() => Date.now() > deadline)) this.unpublished.add(uri);
    } catch (error) {
      this.connection.console.error(`obsconf: lint failed: ${(error as Error).stack ?? error}`);
      return;
    }
    const pending = this.linter.pending;
    // Publish when done, when an editor change is checked (even with a backlog left), or to show progress.
    if (!pending || this.linter.urgentDone || Date.now() - this.lastPublish >= PROGRESS_MS) {
      for (const uri of this.unpublished) this.publish(uri);
      this.unpublished.clear();
      this.lastPublish = Date.now();
    }
    if (pending) this.schedule();
    this.sendStatus();
  }

  private diagnosticOf(finding: Finding): PlainDiagnostic {
    const cached = this.converted.get(finding);
    if (cached && cached.docs.every((doc, i) => doc.startLine === cached.lines[i])) return cached.diagnostic;
    const docs = cached?.docs ?? documentsOf(finding);
    const diagnostic = toDiagnostic(finding);
    this.converted.set(finding, { diagnostic, docs, lines: docs.map((doc) => doc.startLine) });
    return diagnostic;
  }

  private publish(uri: string): void {
    const keyed = this.linter.findingsFor(uri).map((finding) => ({ finding, diagnostic: this.diagnosticOf(finding) }));
    // The order of sortFindings: position, rule id, message.
    keyed.sort(
      (a, b) =>
        a.diagnostic.range.start.line - b.diagnostic.range.start.line ||
        a.diagnostic.range.start.character - b.diagnostic.range.start.character ||
        a.finding.ruleId.localeCompare(b.finding.ruleId) ||
        (a.finding.message < b.finding.message ? -1 : a.finding.message > b.finding.message ? 1 : 0),
    );
    let errors = 0;
    let warnings = 0;
    for (const { finding } of keyed) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
    }
    this.counts.set(uri, { errors, warnings });
    const version = this.documents.get(uri)?.version;
    void this.connection.sendDiagnostics({ uri, version, diagnostics: keyed.map((k) => k.diagnostic) });
  }

  sendStatus(): void {
    let errors = 0;
    let warnings = 0;
    for (const count of this.counts.values()) {
      errors += count.errors;
      warnings += count.warnings;
    }
    const status: StatusParams = {
      state: this.isReady() && !this.linter.pending ? 'ready' : 'indexing',
      files: this.linter.index.files.size,
      errors,
      warnings,
    };
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    void this.connection.sendNotification(STATUS_NOTIFICATION, status);
  }
}
