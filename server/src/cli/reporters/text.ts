import type { Reporter } from '../report';
import { oneBased } from '../report';

/**
 * One finding per line: `file:line:col severity rule-id message`, 1-based line
 * and column, the path relative to the current folder. Grep- and
 * problem-matcher-friendly; messages never span lines.
 */
export const textReporter: Reporter = (report) => {
  let out = '';
  for (const finding of report.findings) {
    const { line, column } = oneBased(finding.range);
    out += `${finding.file}:${line}:${column} ${finding.severity} ${finding.ruleId} ${oneLine(finding.message)}\n`;
  }
  return out;
};

export function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, ' ');
}
