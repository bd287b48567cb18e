import { defineFileRule } from '../types';

export default defineFileRule({
  id: 'obsconf/template-not-checked',
  severity: 'info',
  docs: {
    summary: 'The file holds Helm/Go template directives and was not checked.',
    why: 'A template is not YAML until it is rendered; checking the raw text would only produce noise. obsconf says once that the file was skipped, so that a missing finding is never mistaken for a clean bill of health.',
    bad: 'ports:\n  {{- range $i := until 3 }}\n  - name: metrics-{{ add1 $i }}\n  {{- end }}\n',
    good: 'ports:\n  - name: metrics-1\n    containerPort: 5001\n  - name: metrics-2\n    containerPort: 5002\n  - name: metrics-3\n    containerPort: 5003\n',
  },
  check({ file, report }) {
    if (file.kind !== 'template') return;
    const lineEnd = file.text.indexOf('\n');
    const firstLineLength = lineEnd === -1 ? file.text.length : lineEnd;
    report({
      at: { uri: file.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLineLength } } },
      message: 'This file contains Helm/Go template directives ({{ … }}); it was not checked. Render the chart (helm template) and check the output to lint it.',
    });
  },
});
