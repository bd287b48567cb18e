import type { Severity } from '../../engine/rules/types';
import type { Reporter } from '../report';
import { oneBased } from '../report';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * GitHub Actions workflow commands, one annotation per finding:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule id>::message`.
 * Columns are only sent for a single-line range (GitHub ignores them otherwise);
 * `endColumn`, like SARIF's, is the column after the last character.
 */
export const githubReporter: Reporter = (report) => {
  let out = '';
  for (const finding of report.findings) {
    const { line, column, endColumn } = oneBased(finding.range);
    let { endLine } = oneBased(finding.range);
    // A range that ends at the start of a line really ends on the line before.
    const endsAtLineStart = finding.range.end.character === 0 && finding.range.end.line > finding.range.start.line;
    if (endsAtLineStart) endLine--;
    const properties: [string, string | number][] = [['file', finding.file], ['line', line]];
    if (line !== endLine) properties.push(['endLine', endLine]);
    else if (endsAtLineStart) properties.push(['col', column], ['endLine', endLine]);
    else properties.push(['col', column], ['endLine', endLine], ['endColumn', endColumn]);
    properties.push(['title', finding.ruleId]);
    const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
    out += `::${COMMAND[finding.severity]} ${props}::${escapeData(finding.message)}\n`;
  }
  return out;
};

/** The escapes the runner decodes in a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also escape the separators `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
