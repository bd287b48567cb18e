import { defineEngineRule } from '../types';

/** Reported by the suppression layer, not by a check of its own. */
export const unknownSuppression = defineEngineRule({
  id: 'obsconf/unknown-suppression',
  severity: 'warning',
  docs: {
    summary: 'A suppression comment or annotation names a rule id that does not exist.',
    why: 'A typo in `# obsconf-disable-next-line` silently suppresses nothing, and the finding it was meant to hide comes back without explanation. Rule ids are listed in docs/rules.',
    bad: '# obsconf-disable-file wiring/no-such-rule\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    good: '# obsconf-disable-file wiring/worker-port-extra\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
  },
});

/** Reported when a rule throws: a bug in obsconf, surfaced instead of crashing the server. */
export const internalError = defineEngineRule({
  id: 'obsconf/internal-error',
  severity: 'warning',
  docs: {
    summary: 'An obsconf rule failed on this file.',
    why: 'A rule that throws is a bug in obsconf. The server keeps running and reports the failure here so that it can be reported, rather than dropping every diagnostic.',
  },
});
