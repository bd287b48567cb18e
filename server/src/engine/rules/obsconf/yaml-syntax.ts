import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'obsconf/yaml-syntax',
  severity: 'error',
  docs: {
    summary: 'The document is not valid YAML.',
    why: 'kubectl, Helm and Prometheus refuse a file that does not parse, and obsconf cannot check what it cannot read. The rest of the file is still checked document by document.',
    bad: 'metadata:\n  name: app\n   labels: {}\n',
    good: 'metadata:\n  name: app\n  labels: {}\n',
  },
  check({ doc, report }) {
    for (const error of doc.parsed.errors) {
      const [start, end] = error.pos;
      report({ at: { doc, span: { start, end: Math.max(end, start + 1) } }, message: `YAML syntax: ${firstLine(error.message)}` });
    }
  },
});

function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
