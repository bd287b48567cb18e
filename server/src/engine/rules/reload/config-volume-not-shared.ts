import { composeFileOf } from '../../compose/model';
import { defineDocumentRule } from '../types';
import { reloadSetupOf } from './analysis';

export default defineDocumentRule({
  id: 'reload/config-volume-not-shared',
  severity: 'warning',
  docs: {
    summary: 'A config-reload service that mounts volumes shares one of them with the Prometheus it reloads.',
    why: 'The reload pattern works because the updater writes the new configuration into a volume that Prometheus also mounts. When the two mount different volumes (often a typo such as "prom-config" against "prom_config"), the reload succeeds but Prometheus re-reads the old files.',
    bad: "services:\n  prometheus:\n    image: prom/prometheus\n    command: ['--config.file=/etc/prometheus/prometheus.yml', '--web.enable-lifecycle']\n    volumes:\n      - prom-config:/etc/prometheus\n  updater:\n    image: alpine/git\n    environment:\n      - NOTIFY_URL=http://prometheus:9090/-/reload\n    volumes:\n      - prom-config-copy:/etc/prometheus\nvolumes:\n  prom-config: {}\n  prom-config-copy: {}\n",
    good: "services:\n  prometheus:\n    image: prom/prometheus\n    command: ['--config.file=/etc/prometheus/prometheus.yml', '--web.enable-lifecycle']\n    volumes:\n      - prom-config:/etc/prometheus\n  updater:\n    image: alpine/git\n    environment:\n      - NOTIFY_URL=http://prometheus:9090/-/reload\n    volumes:\n      - prom-config:/etc/prometheus\nvolumes:\n  prom-config: {}\n",
  },
  check({ doc, report }) {
    const file = composeFileOf(doc);
    const setup = file ? reloadSetupOf(doc) : undefined;
    if (!file || !setup) return;
    const byName = new Map(file.services.map((s) => [s.name, s]));
    for (const reloader of setup.reloaders) {
      const service = byName.get(reloader.name);
      const mine = service?.volumes.filter((v) => v.source) ?? [];
      if (!service || mine.length === 0) continue;
      const targets = reloader.targets ?? setup.servers.filter((s) => s.program === 'prometheus');
      for (const target of targets) {
        const theirs = byName.get(target.name)?.volumes.filter((v) => v.source) ?? [];
        if (theirs.length === 0) continue;
        if (mine.some((m) => theirs.some((t) => t.source === m.source))) continue;
        report({
          at: { doc, span: mine[0].sourceSpan ?? mine[0].span },
          message: `"${reloader.name}" reloads "${target.name}" but shares no volume with it (${mine.map((v) => v.source).join(', ')} against ${theirs.map((v) => v.source).join(', ')}); the configuration it writes never reaches Prometheus.`,
          related: theirs.map((v) => ({ at: { doc, span: v.sourceSpan ?? v.span }, message: `"${target.name}" mounts ${v.source}` })),
        });
      }
    }
  },
});
