import type { Reporter, ReportLocation } from '../report';
import { oneBased } from '../report';

/**
 * `--format json`. The shape is stable (bump `formatVersion` on a breaking change):
 *
 * ```
 * {
 *   "formatVersion": 1,
 *   "tool": { "name": "obsconf", "version": "0.1.0" },
 *   "summary": { "files": 3, "errors": 1, "warnings": 0, "infos": 0, "hints": 0 },
 *   "configProblems": [{ "file": ".obsconf.yaml", "message": "…" }],   // problems in the config file read
 *   "findings": [{
 *     "file": "k8s/service.yml",                       // relative to the current folder, "/" separators
 *     "range": { "start": { "line": 21, "character": 16 }, "end": { "line": 21, "character": 24 } },
 *                                                      // 0-based, UTF-16 columns, end exclusive (LSP)
 *     "location": { "line": 22, "column": 17, "endLine": 22, "endColumn": 25 },
 *                                                      // the same range 1-based; endColumn is exclusive
 *     "severity": "error",                             // error | warning | info | hint
 *     "ruleId": "k8s/service-target-port",
 *     "message": "…",
 *     "docUrl": "https://…/docs/rules/k8s/service-target-port.md",
 *     "related": [{ "file": "…", "range": {…}, "location": {…}, "message": "…" }]
 *   }]
 * }
 * ```
 * Findings are ordered by file, then position, then rule id.
 */
export const jsonReporter: Reporter = (report) => {
  const place = (at: ReportLocation) => ({ file: at.file, range: at.range, location: oneBased(at.range) });
  const document = {
    formatVersion: 1,
    tool: { name: 'obsconf', version: report.toolVersion },
    summary: {
      files: report.fileCount,
      errors: report.counts.error,
      warnings: report.counts.warning,
      infos: report.counts.info,
      hints: report.counts.hint,
    },
    configProblems: report.configProblems.map((problem) => ({ file: problem.file, message: problem.message })),
    findings: report.findings.map((finding) => ({
      ...place(finding),
      severity: finding.severity,
      ruleId: finding.ruleId,
      message: finding.message,
      docUrl: finding.docUrl,
      related: finding.related.map((related) => ({ ...place(related), message: related.message })),
    })),
  };
  return JSON.stringify(document, null, 2) + '\n';
};
