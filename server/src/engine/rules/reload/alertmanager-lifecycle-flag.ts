import { flagValues } from '../../compose/commandLine';
import { defineDocumentRule } from '../types';
import { reloadSetupOf, removeFlagEdit } from './analysis';

export default defineDocumentRule({
  id: 'reload/alertmanager-lifecycle-flag',
  severity: 'error',
  fix: 'sometimes',
  docs: {
    summary: 'Alertmanager is not given `--web.enable-lifecycle`, a Prometheus-only flag.',
    why: 'Alertmanager\'s `/-/reload` is always enabled and it has no lifecycle flag: given one, it exits with "unknown long flag \'--web.enable-lifecycle\'". The flag is often copied from a Prometheus service next to it.',
    bad: "services:\n  alertmanager:\n    image: prom/alertmanager\n    command:\n      - '--config.file=/etc/alertmanager/alertmanager.yml'\n      - '--web.enable-lifecycle'\n",
    good: "services:\n  alertmanager:\n    image: prom/alertmanager\n    command:\n      - '--config.file=/etc/alertmanager/alertmanager.yml'\n",
  },
  check({ doc, report }) {
    const setup = reloadSetupOf(doc);
    const processes = setup?.servers ?? [];
    for (const process of processes) {
      if (process.program !== 'alertmanager') continue;
      for (const flag of flagValues(process.flags, 'web.enable-lifecycle')) {
        const edit = removeFlagEdit(process, flag);
        report({
          at: { doc, span: flag.span },
          message: `Alertmanager does not know --web.enable-lifecycle and refuses to start ("unknown long flag"); its /-/reload endpoint works without it. Remove the flag.`,
          fixes: edit ? [{ title: 'Remove --web.enable-lifecycle', safe: true, edits: [{ at: { doc, span: edit.span }, newText: edit.newText }] }] : undefined,
        });
      }
    }
  },
});
