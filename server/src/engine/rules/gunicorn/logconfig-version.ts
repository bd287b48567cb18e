import { dictGet } from '../../python/dictEval';
import { defineFileRule } from '../types';
import { EXAMPLE_FILE, gunicornFile, reportAt } from './common';

export default defineFileRule({
  id: 'gunicorn/logconfig-version',
  severity: 'hint',
  docs: {
    summary: 'logconfig_dict has no "version" key.',
    why: 'logging.config.dictConfig requires "version": 1, but gunicorn merges logconfig_dict into defaults that supply it, so this works under gunicorn. The same dictionary fails anywhere else it is passed to dictConfig (tests, a management command); writing "version": 1 keeps it portable.',
    exampleFile: EXAMPLE_FILE,
    bad: 'logconfig_dict = {\n    "disable_existing_loggers": False,\n}\n',
    good: 'logconfig_dict = {\n    "version": 1,\n    "disable_existing_loggers": False,\n}\n',
  },
  check(context) {
    const found = gunicornFile(context);
    const setting = found?.config.setting('logconfig_dict');
    if (!found || !setting || setting.value.k !== 'dict' || setting.value.open || setting.value.entries.length === 0) return;
    if (dictGet(setting.value, 'version')) return;
    reportAt(context, found.source, setting.at, { message: 'logconfig_dict has no "version"; gunicorn\'s defaults supply version 1, but dictConfig outside gunicorn rejects it. Add "version": 1.' });
  },
});
