/**
 * Expected findings written as comments inside a fixture (see README.md):
 *
 *   caret form     `#   ^^^^^ error wiring/worker-unscraped: message substring`
 *                  annotates the nearest preceding line that is not an annotation;
 *                  the carets' columns are the finding's start and end.
 *   explicit form  `# @ 12:3-15:8 error wiring/worker-unscraped: message substring`
 *                  1-based line:column positions, as an editor shows them; the end
 *                  is the position just after the last character.
 *   check directive `# @check all` or `# @check k8s/field-type obsconf/yaml-syntax`
 *                  also checks these rules' findings in this file exactly.
 */
import type { Range } from '../../server/src/engine/documents/lineIndex';
import type { Severity } from '../../server/src/engine/rules/types';

export type { Position, Range } from '../../server/src/engine/documents/lineIndex';

export interface Expectation {
  range: Range;
  severity: Severity;
  ruleId: string;
  /** Must occur in the finding's message. */
  message: string;
  /** Zero-based line of the annotation itself, for error messages. */
  annotationLine: number;
}

export interface ParsedAnnotations {
  expectations: Expectation[];
  /** Zero-based lines holding annotations. */
  annotationLines: Set<number>;
  /** Rules (besides the fixture's and the annotated ones) whose findings in this file must match exactly; 'all' for every rule. */
  check: Set<string> | 'all';
  /** Malformed annotations: each is a test failure. */
  errors: string[];
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** A comment whose text starts with `^` or `@` is meant as an annotation, so it must parse as one. */
const LOOKS_LIKE_ANNOTATION = /^\s*#\s*[\^@]/;
const CHECK = /^\s*#\s*@check\s+(.*?)\s*$/;
const CARET = /^(\s*#\s*)(\^+)\s+(.*)$/;
const EXPLICIT = /^\s*#\s*@\s+(\d+):(\d+)-(\d+):(\d+)\s+(.*)$/;
const FINDING = /^(\w+)\s+([a-z0-9-]+\/[a-z0-9-]+):\s*(.*?)\s*$/;

export function isAnnotationLine(line: string): boolean {
  return LOOKS_LIKE_ANNOTATION.test(line);
}

export function parseAnnotations(text: string): ParsedAnnotations {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const expectations: Expectation[] = [];
  const annotationLines = new Set<number>();
  const errors: string[] = [];
  let check: Set<string> | 'all' = new Set();
  let lastContentLine = -1;

  const readFinding = (rest: string, lineNo: number): Omit<Expectation, 'range' | 'annotationLine'> | undefined => {
    const match = FINDING.exec(rest);
    if (!match) {
      errors.push(`line ${lineNo + 1}: expected "<severity> <family/rule>: <message substring>" after the position, got ${JSON.stringify(rest)}`);
      return undefined;
    }
    const [, severity, ruleId, message] = match;
    if (!SEVERITIES.includes(severity as Severity)) {
      errors.push(`line ${lineNo + 1}: unknown severity "${severity}" (use ${SEVERITIES.join(', ')})`);
      return undefined;
    }
    if (message === '') {
      errors.push(`line ${lineNo + 1}: the message substring is empty; quote a distinctive part of the expected message`);
      return undefined;
    }
    return { severity: severity as Severity, ruleId, message };
  };

  lines.forEach((line, lineNo) => {
    if (!isAnnotationLine(line)) {
      lastContentLine = lineNo;
      return;
    }
    annotationLines.add(lineNo);
    const directive = CHECK.exec(line);
    if (directive) {
      const ids = directive[1].split(/[\s,]+/).filter(Boolean);
      if (ids.length === 0) errors.push(`line ${lineNo + 1}: @check needs "all" or rule ids`);
      else if (ids.includes('all')) check = 'all';
      else if (check !== 'all') for (const id of ids) check.add(id);
      return;
    }
    const caret = CARET.exec(line);
    if (caret) {
      if (lastContentLine < 0) {
        errors.push(`line ${lineNo + 1}: a caret annotation needs a line above it to point at`);
        return;
      }
      const finding = readFinding(caret[3], lineNo);
      if (!finding) return;
      const start = caret[1].length;
      const end = start + caret[2].length;
      if (end > lines[lastContentLine].length) {
        errors.push(`line ${lineNo + 1}: the carets reach column ${end + 1}, past the end of line ${lastContentLine + 1}`);
        return;
      }
      expectations.push({
        ...finding,
        range: { start: { line: lastContentLine, character: start }, end: { line: lastContentLine, character: end } },
        annotationLine: lineNo,
      });
      return;
    }
    const explicit = EXPLICIT.exec(line);
    if (explicit) {
      const [startLine, startColumn, endLine, endColumn] = explicit.slice(1, 5).map(Number);
      if ([startLine, startColumn, endLine, endColumn].some((n) => n < 1)) {
        errors.push(`line ${lineNo + 1}: lines and columns are 1-based`);
        return;
      }
      if (endLine < startLine || (endLine === startLine && endColumn < startColumn)) {
        errors.push(`line ${lineNo + 1}: the range ends before it starts`);
        return;
      }
      const finding = readFinding(explicit[5], lineNo);
      if (!finding) return;
      expectations.push({
        ...finding,
        range: { start: { line: startLine - 1, character: startColumn - 1 }, end: { line: endLine - 1, character: endColumn - 1 } },
        annotationLine: lineNo,
      });
      return;
    }
    errors.push(`line ${lineNo + 1}: not a valid annotation: ${JSON.stringify(line.trim())} (see test/rules/README.md)`);
  });
  return { expectations, annotationLines, check, errors };
}

/** The text without its annotation lines (the rest is unchanged, line endings included). */
export function stripAnnotations(text: string): string {
  return text
    .split(/(?<=\n)/)
    .filter((line) => !isAnnotationLine(line.replace(/\r?\n$/, '')))
    .join('');
}

/**
 * Renders a finding as an annotation line to put under its line: the caret form
 * when the finding sits on one line and starts after column 0, the explicit form
 * otherwise. Used to show the actual findings when a fixture fails.
 */
export function renderAnnotation(range: Range, severity: Severity, ruleId: string, message: string): string {
  const { start, end } = range;
  if (start.line === end.line && start.character >= 1 && end.character > start.character) {
    return `${'#'.padEnd(start.character, ' ')}${'^'.repeat(end.character - start.character)} ${severity} ${ruleId}: ${message}`;
  }
  return `# @ ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${severity} ${ruleId}: ${message}`;
}
