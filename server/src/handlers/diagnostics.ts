import type { Connection } from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sortFindings, toDiagnostic } from '../engine/diagnostics';
import type { Linter } from '../engine/linter';
import { STATUS_NOTIFICATION, StatusParams } from '../protocol';

/** How long one lint slice may run before the server reads its messages again. */
const SLICE_MS = 30;

/**
 * Runs the linter when something changed and publishes what moved. There is
 * no fixed debounce: a burst of edits that arrives while a slice runs is
 * coalesced into the next slice, and stale work is dropped by re-parsing only
 * the latest text.
 */
export class DiagnosticsPublisher {
  private scheduled = false;
  private readonly counts = new Map<string, { errors: number; warnings: number }>();
  private lastStatus = '';

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
    let changed: Set<string>;
    try {
      changed = this.linter.run(() => Date.now() > deadline);
    } catch (error) {
      this.connection.console.error(`obsconf: lint failed: ${(error as Error).stack ?? error}`);
      return;
    }
    for (const uri of changed) this.publish(uri);
    if (this.linter.pending) this.schedule();
    this.sendStatus();
  }

  private publish(uri: string): void {
    const findings = sortFindings(this.linter.findingsFor(uri));
    let errors = 0;
    let warnings = 0;
    for (const f of findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
    }
    this.counts.set(uri, { errors, warnings });
    const version = this.documents.get(uri)?.version;
    void this.connection.sendDiagnostics({ uri, version, diagnostics: findings.map(toDiagnostic) });
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
