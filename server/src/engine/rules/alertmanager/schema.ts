import { alertmanagerConfigOf } from '../../alertmanager/config';
import { schemaProblems } from '../../alertmanager/schema';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'alertmanager/schema',
  severity: 'error',
  fix: 'sometimes',
  docs: {
    summary: 'alertmanager.yml has the structure Alertmanager reads: known keys only, a `route`, named receivers, values of the right type.',
    why: 'Alertmanager decodes its configuration strictly: an unknown or misspelt key ("recievers", "group-by"), a list where a mapping belongs or a missing `route` makes it refuse the whole file, at start-up or on reload, so the previous configuration stays in force.',
    bad: 'route:\n  receiver: team\n  group-by: [alertname]\nreceivers:\n  - name: team\n',
    good: 'route:\n  receiver: team\n  group_by: [alertname]\nreceivers:\n  - name: team\n',
  },
  check({ doc, report }) {
    if (!alertmanagerConfigOf(doc) || doc.parsed.errors.length > 0) return;
    for (const problem of schemaProblems(doc)) {
      report({
        at: { doc, span: problem.span },
        message: problem.message,
        data: { path: problem.path },
        fixes: problem.suggestion ? [{ title: `Rename to ${problem.suggestion}`, safe: false, edits: [{ at: { doc, span: problem.span }, newText: problem.suggestion }] }] : undefined,
      });
    }
  },
});
