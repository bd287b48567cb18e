import * as path from 'path';
import { fileURLToPath } from 'url';
import type { Range } from '../engine/documents/lineIndex';
import { ruleDocUrl, sortFindings, targetRange, targetUriOf } from '../engine/diagnostics';
import type { Finding, Rule, Severity } from '../engine/rules/types';

/** A place in a file, as every reporter needs it. */
export interface ReportLocation {
  /** The path relative to the current folder, with `/` separators (absolute when the file is on another drive). */
  file: string;
  /** The absolute path. */
  absolute: string;
  /** Zero-based, UTF-16 columns, end exclusive: an LSP range. */
  range: Range;
}

export interface ReportedFinding extends ReportLocation {
  ruleId: string;
  severity: Severity;
  message: string;
  docUrl: string;
  related: (ReportLocation & { message: string })[];
}

export interface ConfigProblemAt {
  file: string;
  absolute: string;
  message: string;
}

export type SeverityCounts = Record<Severity, number>;

/** Everything a reporter formats: findings in a stable order (file, position, rule id). */
export interface Report {
  toolVersion: string;
  /** The folder that paths are relative to. */
  cwd: string;
  /** How many files were checked. */
  fileCount: number;
  findings: ReportedFinding[];
  counts: SeverityCounts;
  /** Problems found in `.obsconf.yaml` (also printed on stderr). */
  configProblems: ConfigProblemAt[];
  /** The registry, for reporters that describe the rules (SARIF). */
  rules: readonly Rule[];
}

export type Reporter = (report: Report) => string;

/** `path.relative`, with `/` separators whatever the platform. */
export function relativePath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  if (relative === '' || path.isAbsolute(relative)) return absolute.split(path.sep).join('/');
  return relative.split(path.sep).join('/');
}

function uriToPath(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}

function location(cwd: string, uri: string, range: Range): ReportLocation {
  const absolute = uriToPath(uri);
  return { file: relativePath(cwd, absolute), absolute, range };
}

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0, hint: 0 };
}

/** Turns the linter's findings per file into a report. */
export function buildReport(
  findingsByUri: ReadonlyMap<string, Finding[]>,
  options: { cwd: string; toolVersion: string; fileCount: number; rules: readonly Rule[]; configProblems: ConfigProblemAt[] },
): Report {
  const counts = emptyCounts();
  const findings: ReportedFinding[] = [];
  for (const [uri, fileFindings] of findingsByUri) {
    for (const finding of sortFindings(fileFindings)) {
      counts[finding.severity]++;
      findings.push({
        ...location(options.cwd, uri, targetRange(finding.at)),
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        docUrl: ruleDocUrl(finding.ruleId),
        related: (finding.related ?? []).map((related) => ({
          ...location(options.cwd, targetUriOf(related.at), targetRange(related.at)),
          message: related.message,
        })),
      });
    }
  }
  // Files in path order; within a file, sortFindings' order (stable sort keeps it).
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { ...options, findings, counts };
}

/** 1-based line and column of a range's start and end; the end column is the one after the last character. */
export function oneBased(range: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/** "2 errors, 1 warning, 0 infos, 1 hint". */
export function describeCounts(counts: SeverityCounts): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.info, 'info'), plural(counts.hint, 'hint')].join(', ');
}
