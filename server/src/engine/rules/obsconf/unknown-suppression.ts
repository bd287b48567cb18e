import { defineEngineRule } from '../types';

/** Reported by the suppression layer, not by a check of its own. */
export default defineEngineRule({
  id: 'obsconf/unknown-suppression',
  severity: 'warning',
  docs: {
    summary: 'A suppression comment or annotation names a rule id that does not exist.',
    why: 'A typo in `# obsconf-disable-next-line` silently suppresses nothing, and the finding it was meant to hide comes back without explanation. Rule ids are listed in docs/rules.',
    bad: '# obsconf-disable-file wiring/no-such-rule\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    good: '# obsconf-disable-file wiring/worker-port-extra\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
  },
});
