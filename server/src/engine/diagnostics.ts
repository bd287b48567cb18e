import type { Range } from './documents/lineIndex';
import type { Finding, Severity, Target } from './rules/types';

import * as path from 'path';
import { pathToFileURL } from 'url';

/**
 * Where the rule docs live: `docs/rules/<rule id>.md` beside the installed
 * bundle (dist/ and docs/ ship together in the VSIX and the npm package), so
 * `codeDescription.href` opens a real file, offline.
 */
let ruleDocsBase = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules')).toString();

export function setRuleDocsBase(base: string): void {
  ruleDocsBase = base.replace(/\/$/, '');
}

export function ruleDocUrl(ruleId: string): string {
  return `${ruleDocsBase}/${ruleId}.md`;
}

export function targetRange(target: Target): Range {
  return 'doc' in target ? target.doc.range(target.span.start, target.span.end) : target.range;
}

export function targetUriOf(target: Target): string {
  return 'doc' in target ? target.doc.file.uri : target.uri;
}

export const LSP_SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, info: 3, hint: 4 };

/** An LSP Diagnostic as plain data (the engine does not import the protocol). */
export interface PlainDiagnostic {
  range: Range;
  severity: 1 | 2 | 3 | 4;
  code: string;
  codeDescription: { href: string };
  source: 'obsconf';
  message: string;
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
  data?: Record<string, unknown>;
}

export function toDiagnostic(finding: Finding): PlainDiagnostic {
  const diagnostic: PlainDiagnostic = {
    range: targetRange(finding.at),
    severity: LSP_SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(finding.ruleId) },
    source: 'obsconf',
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: targetUriOf(related.at), range: targetRange(related.at) },
      message: related.message,
    }));
  }
  if (finding.data || finding.fixes) {
    diagnostic.data = { ...(finding.data ?? {}) };
    if (finding.fixes) {
      diagnostic.data.fixes = finding.fixes.map((fix) => ({
        title: fix.title,
        safe: fix.safe,
        edits: fix.edits.map((edit) => ({ uri: targetUriOf(edit.at), range: targetRange(edit.at), newText: edit.newText })),
      }));
    }
  }
  return diagnostic;
}

/** Findings in a stable order: by position, then rule id. */
export function sortFindings(findings: Finding[]): Finding[] {
  const keyed = findings.map((f) => ({ f, r: targetRange(f.at) }));
  // Ties are broken by the message too, so that the order never depends on the history of edits.
  keyed.sort(
    (a, b) =>
      a.r.start.line - b.r.start.line ||
      a.r.start.character - b.r.start.character ||
      a.f.ruleId.localeCompare(b.f.ruleId) ||
      (a.f.message < b.f.message ? -1 : a.f.message > b.f.message ? 1 : 0),
  );
  return keyed.map((k) => k.f);
}
