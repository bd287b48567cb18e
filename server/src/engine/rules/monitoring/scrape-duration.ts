import type { Monitor } from '../../model/kubernetes';
import type { Located } from '../../documents/yamlAccess';
import { describeValue } from '../kubernetes/names';
import { defineObjectRule } from '../types';
import { parsePrometheusDuration } from '../../prometheus/duration';
import { fixesOf } from '../../fixes/text';
import { replaceValueFix } from '../../fixes/ruleFixes';

export default defineObjectRule<Monitor>({
  id: 'monitoring/scrape-duration',
  severity: 'error',
  appliesTo: ['servicemonitor', 'podmonitor'],
  fix: 'sometimes',
  docs: {
    summary: '`interval` and `scrapeTimeout` are Prometheus durations (such as 15s, 1m30s), and the timeout may not exceed the interval.',
    why: 'The CRD rejects a malformed duration ("15 s", "1.5m", "15"), and Prometheus refuses a scrape configuration whose scrape_timeout is greater than its scrape_interval, which makes the operator drop it.',
    bad: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\nspec:\n  selector: {}\n  endpoints:\n    - port: http\n      interval: 15s\n      scrapeTimeout: 30s\n',
    good: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: app\nspec:\n  selector: {}\n  endpoints:\n    - port: http\n      interval: 15s\n      scrapeTimeout: 10s\n',
  },
  check({ object, report }) {
    const read = (field: string, located: Located<unknown> | undefined): number | undefined => {
      if (!located) return undefined;
      const value = located.value;
      const parsed = typeof value === 'string' ? parsePrometheusDuration(value) : undefined;
      if (parsed === undefined) {
        report({
          at: { doc: object.doc, span: located.span },
          message: `${field} ${describeValue(value)} is not a Prometheus duration; write a number with units, largest first, such as 30s, 1m or 1m30s.`,
          // "15 s" → "15s": only when dropping the blanks gives a duration (units are never guessed).
          fixes:
            typeof value === 'string' && /\s/.test(value) && parsePrometheusDuration(value.replace(/\s+/g, '')) !== undefined
              ? fixesOf(replaceValueFix(object.doc, located, value.replace(/\s+/g, ''), `Write ${value.replace(/\s+/g, '')}`))
              : undefined,
        });
      }
      return parsed;
    };
    for (const endpoint of object.endpoints) {
      const interval = read('interval', endpoint.interval);
      const timeout = read('scrapeTimeout', endpoint.scrapeTimeout);
      if (interval !== undefined && timeout !== undefined && interval > 0 && timeout > interval && endpoint.scrapeTimeout) {
        report({
          at: { doc: object.doc, span: endpoint.scrapeTimeout.span },
          message: `scrapeTimeout ${endpoint.scrapeTimeout.value} is longer than interval ${endpoint.interval?.value}; Prometheus rejects a scrape_timeout greater than the scrape_interval.`,
          related: endpoint.interval ? [{ at: { doc: object.doc, span: endpoint.interval.span }, message: 'interval' }] : [],
          // The configuration is rejected as it is; a timeout equal to the interval is the nearest one Prometheus accepts.
          fixes: fixesOf(replaceValueFix(object.doc, endpoint.scrapeTimeout, String(endpoint.interval?.value), `Set scrapeTimeout to the interval (${String(endpoint.interval?.value)})`)),
        });
      }
    }
  },
});
