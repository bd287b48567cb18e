import { pyTruthy } from '../../python/dictEval';
import { defineFileRule } from '../types';
import { EXAMPLE_FILE, gunicornFile, reportAt } from './common';

export default defineFileRule({
  id: 'gunicorn/logconfig-precedence',
  severity: 'warning',
  docs: {
    summary: 'More than one of logconfig_dict, logconfig_json and logconfig is set; gunicorn silently uses only the first of them.',
    why: 'gunicorn\'s logging setup takes logconfig_dict when it is not empty, else logconfig_json, else logconfig (an ini file), and ignores the others without a word. Editing the ignored one changes nothing, which is easy to miss. Keep one.',
    exampleFile: EXAMPLE_FILE,
    bad: 'logconfig = "/etc/gunicorn/logging.ini"\nlogconfig_dict = {"version": 1, "root": {"level": "INFO", "handlers": ["console"]}}\n',
    good: 'logconfig_dict = {"version": 1, "root": {"level": "INFO", "handlers": ["console"]}}\n',
  },
  check(context) {
    const found = gunicornFile(context);
    if (!found) return;
    const order = ['logconfig_dict', 'logconfig_json', 'logconfig'] as const;
    const set = order
      .map((name) => ({ name, setting: found.config.setting(name) }))
      .filter((s) => s.setting && pyTruthy(s.setting.value) !== false);
    if (set.length < 2) return;
    const winner = set.find((s) => pyTruthy(s.setting!.value) === true);
    if (!winner) return;
    for (const loser of set.filter((s) => order.indexOf(s.name) > order.indexOf(winner.name))) {
      reportAt(context, found.source, loser.setting!.at, {
        message: `${loser.name} is ignored: gunicorn uses ${winner.name} when it is set (${order.join(' > ')}). Remove one of them.`,
        relatedSpans: [{ at: winner.setting!.at, message: `${winner.name} wins` }],
      });
    }
  },
});
