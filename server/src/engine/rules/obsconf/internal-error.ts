import { defineEngineRule } from '../types';

/** Reported when a rule throws: a bug in obsconf, surfaced instead of crashing the server. */
export default defineEngineRule({
  id: 'obsconf/internal-error',
  severity: 'warning',
  docs: {
    summary: 'An obsconf rule failed on this file.',
    why: 'A rule that throws is a bug in obsconf. The server keeps running and reports the failure here so that it can be reported, rather than dropping every diagnostic.',
  },
});
