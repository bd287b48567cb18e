import { isDockerfileName, parseDockerfile } from '../../gunicorn/dockerfile';
import { findGunicorn, isVariableReference, Word } from '../../gunicorn/commandLine';
import { isProcfileName, parseProcfile } from '../../gunicorn/procfile';
import { readsOnlyWebConcurrency, fileRange } from '../../gunicorn/process';
import { cachedForText } from '../../python/source';
import { defineFileRule, FileRuleContext } from '../types';
import { gunicornFile, reportAt } from './common';

const WHY =
  'gunicorn reads WEB_CONCURRENCY only as the default of its workers setting, so a worker count in the config file or on the command line wins over it. Django settings that size PROMETHEUS_METRICS_EXPORT_PORT_RANGE from WEB_CONCURRENCY (and the numbered container ports) then disagree with the workers that really run: some workers get no metrics port, or ports stay empty.';

function reportCommand(context: FileRuleContext, words: Word[], where: string): void {
  const invocation = findGunicorn(words);
  const flag = invocation?.workers;
  if (!flag || flag.value === undefined || isVariableReference(flag.value, 'WEB_CONCURRENCY')) return;
  context.report({
    at: { uri: context.file.uri, range: fileRange(context.file, flag.from, flag.to) },
    message: `--workers ${flag.value} in ${where} overrides WEB_CONCURRENCY: gunicorn uses WEB_CONCURRENCY only when no worker count is given, so metrics ports sized from WEB_CONCURRENCY no longer match the workers. Drop it and set WEB_CONCURRENCY, or pass --workers "$WEB_CONCURRENCY".`,
    data: { workers: flag.value },
  });
}

export default defineFileRule({
  id: 'gunicorn/workers-override',
  severity: 'warning',
  docs: {
    summary: 'The worker count is fixed in a gunicorn config file (workers = …), a Dockerfile CMD/ENTRYPOINT or a Procfile (--workers/-w), overriding WEB_CONCURRENCY.',
    why: WHY,
    exampleFile: 'gunicorn.conf.py',
    bad: 'bind = "0.0.0.0:8000"\nworkers = 4\n',
    good: 'import os\n\nbind = "0.0.0.0:8000"\nworkers = int(os.environ.get("WEB_CONCURRENCY", 2))\n',
  },
  check(context) {
    const file = context.file;
    const base = file.uri.slice(file.uri.lastIndexOf('/') + 1);
    if (file.kind === 'text' && isDockerfileName(base)) {
      const image = cachedForText(file, 'docker-image', () => parseDockerfile(file.text));
      for (const command of [image.entrypoint, image.cmd]) if (command) reportCommand(context, command.words, `the Dockerfile ${command.instruction}`);
      return;
    }
    if (file.kind === 'text' && isProcfileName(base)) {
      for (const process of cachedForText(file, 'procfile', () => parseProcfile(file.text))) reportCommand(context, process.words, `the Procfile's ${process.name} process`);
      return;
    }
    const found = gunicornFile(context);
    const setting = found?.config.setting('workers');
    if (!found || !setting || setting.binding.conditional || !setting.binding.value) return;
    const expression = found.source.text.slice(setting.binding.value.from, setting.binding.value.to);
    if (readsOnlyWebConcurrency(expression)) return;
    const shown = expression.length > 50 ? `${expression.slice(0, 47)}…` : expression;
    reportAt(context, found.source, setting.binding.stmt, {
      message: `workers = ${shown} overrides WEB_CONCURRENCY: gunicorn uses WEB_CONCURRENCY only when workers is not set, so metrics ports sized from WEB_CONCURRENCY no longer match the workers. Remove it, or write workers = int(os.environ.get("WEB_CONCURRENCY", ${setting.value.k === 'int' ? setting.value.v : 1})).`,
      data: { workers: setting.value.k === 'int' ? setting.value.v : undefined },
    });
  },
});
