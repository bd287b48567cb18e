import { defineDocumentRule, FixInput } from '../types';
import { addFlagEdit, hasLifecycleFlag, reloadSetupOf, ServerProcess } from './analysis';

export default defineDocumentRule({
  id: 'reload/lifecycle-disabled',
  severity: 'error',
  fix: 'sometimes',
  docs: {
    summary: 'A stack or pod that reloads Prometheus over HTTP (a config-reload sidecar, or a POST to `/-/reload`) runs Prometheus with `--web.enable-lifecycle`.',
    why: 'Since Prometheus 2.0 the `/-/reload` endpoint answers "Lifecycle API is not enabled" unless the flag is set. The sidecar keeps copying the new configuration, every reload is refused, and Prometheus runs the old configuration until it restarts. (Alertmanager has no such flag: its `/-/reload` always works.)',
    bad: "services:\n  prometheus:\n    image: prom/prometheus\n    command:\n      - '--config.file=/etc/prometheus/prometheus.yml'\n  config-reloader:\n    image: ghcr.io/jimmidyson/configmap-reload\n    command:\n      - '--volume-dir=/etc/prometheus'\n      - '--webhook-url=http://prometheus:9090/-/reload'\n",
    good: "services:\n  prometheus:\n    image: prom/prometheus\n    command:\n      - '--config.file=/etc/prometheus/prometheus.yml'\n      - '--web.enable-lifecycle'\n  config-reloader:\n    image: ghcr.io/jimmidyson/configmap-reload\n    command:\n      - '--volume-dir=/etc/prometheus'\n      - '--webhook-url=http://prometheus:9090/-/reload'\n",
  },
  check({ doc, report }) {
    const setup = reloadSetupOf(doc);
    if (!setup) return;
    const reported = new Set<ServerProcess>();
    for (const reloader of setup.reloaders) {
      const targets = reloader.targets ?? setup.servers.filter((s) => s.program === 'prometheus');
      for (const target of targets) {
        if (target.program !== 'prometheus' || reported.has(target) || hasLifecycleFlag(target)) continue;
        reported.add(target);
        const fix = addFlagEdit(target, '--web.enable-lifecycle');
        const fixes: FixInput[] = fix ? [{ title: fix.title, safe: fix.safe, edits: [{ at: { doc, span: fix.edit.span }, newText: fix.edit.newText }] }] : [];
        const where = target.kind === 'compose' ? `service "${target.name}"` : `container "${target.name}"`;
        report({
          at: { doc, span: target.flagsAt ?? target.anchor },
          message: `"${reloader.name}" reloads Prometheus through /-/reload, but ${where} runs without --web.enable-lifecycle: every reload is refused and the old configuration stays in force. Add the flag.`,
          related: [{ at: { doc, span: reloader.evidence.span }, message: `"${reloader.name}" calls /-/reload` }],
          fixes,
        });
      }
    }
  },
});
