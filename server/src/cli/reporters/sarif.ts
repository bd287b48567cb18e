import { pathToFileURL } from 'url';
import type { Severity } from '../../engine/rules/types';
import { ruleDocUrl } from '../../engine/diagnostics';
import type { Reporter, ReportLocation } from '../report';
import { oneBased } from '../report';

/** The OASIS Standard schema of SARIF 2.1.0 (what test/cli validates against). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';
/** Relative artifact URIs are resolved against this base, declared in `originalUriBaseIds`. */
export const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';
/** SARIF has no "hint": it becomes a note, like info. */
export const SARIF_LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * `--format sarif`: one run whose driver lists every rule of the registry, and
 * one result per finding. Paths under the current folder are relative URIs
 * against `%SRCROOT%` (the current folder); others are absolute `file:` URIs.
 * Columns count UTF-16 code units, as `columnKind` says.
 */
export const sarifReporter: Reporter = (report) => {
  const artifactLocation = (at: Pick<ReportLocation, 'file' | 'absolute'>) =>
    at.file.startsWith('../') || at.file.startsWith('/') || /^[A-Za-z]:/.test(at.file)
      ? { uri: fileUri(at.absolute) }
      : { uri: at.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  const physicalLocation = (at: ReportLocation) => {
    const { line, column, endLine, endColumn } = oneBased(at.range);
    return { artifactLocation: artifactLocation(at), region: { startLine: line, startColumn: column, endLine, endColumn } };
  };
  const invocation: Record<string, unknown> = { executionSuccessful: true };
  if (report.configProblems.length) {
    invocation.toolConfigurationNotifications = report.configProblems.map((problem) => ({
      level: 'warning',
      message: { text: problem.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(problem) } }],
    }));
  }
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'obsconf',
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            rules: report.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.docs.summary },
              fullDescription: { text: rule.docs.why },
              helpUri: ruleDocUrl(rule.id),
              defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
            })),
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: fileUri(report.cwd, true) } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((finding) => {
          const result: Record<string, unknown> = {
            ruleId: finding.ruleId,
            level: SARIF_LEVEL[finding.severity],
            message: { text: finding.message },
            locations: [{ physicalLocation: physicalLocation(finding) }],
          };
          if (finding.related.length) {
            result.relatedLocations = finding.related.map((related, i) => ({
              id: i + 1,
              physicalLocation: physicalLocation(related),
              message: { text: related.message },
            }));
          }
          return result;
        }),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

/** A `file:` URI; a folder's ends with `/` so that relative URIs resolve inside it. */
function fileUri(absolute: string, folder = false): string {
  const uri = pathToFileURL(absolute).toString();
  return folder && !uri.endsWith('/') ? `${uri}/` : uri;
}
