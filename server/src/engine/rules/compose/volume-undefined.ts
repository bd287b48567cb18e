import { composeFileOf } from '../../compose/model';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'compose/volume-undefined',
  severity: 'error',
  fix: 'sometimes',
  docs: {
    summary: 'A named volume a service mounts is declared under the top-level `volumes:`.',
    why: 'docker compose and docker stack deploy refuse a file whose service refers to an undeclared named volume. It is also how a reload sidecar and Prometheus end up on two different volumes ("prom-config" and "prom_config"): the sidecar updates a configuration Prometheus never reads.',
    bad: 'services:\n  prometheus:\n    image: prom/prometheus\n    volumes:\n      - prom_config:/etc/prometheus\nvolumes:\n  prom-config: {}\n',
    good: 'services:\n  prometheus:\n    image: prom/prometheus\n    volumes:\n      - prom-config:/etc/prometheus\nvolumes:\n  prom-config: {}\n',
  },
  check({ doc, report }) {
    const file = composeFileOf(doc);
    if (!file) return;
    const declared = [...file.volumeNames];
    for (const service of file.services) {
      for (const volume of service.volumes) {
        if (volume.type !== 'volume' || !volume.source || file.volumeNames.has(volume.source)) continue;
        const near = declared.find((name) => normalise(name) === normalise(volume.source!));
        report({
          at: { doc, span: volume.sourceSpan ?? volume.span },
          message: near
            ? `Volume "${volume.source}" is not declared; the top-level volumes declare "${near}". docker compose refuses the file.`
            : `Volume "${volume.source}" is not declared under the top-level volumes:; docker compose refuses the file.`,
          fixes: near && volume.sourceSpan ? [{ title: `Use volume "${near}"`, safe: true, edits: [{ at: { doc, span: volume.sourceSpan }, newText: near }] }] : undefined,
        });
      }
    }
  },
});

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]/g, '');
}
