// Relabel preview bench: 1,000 rules over 1,000 targets must finish in under a second.
// Run with `npm run bench:relabel` (node --import tsx, so it measures the engine's own sources).
// The rules mix every action; the keep/drop rules are written not to drop, so every
// target runs through all 1,000 rules. Like real configurations, the rules write a
// bounded set of labels (a target ends with a few dozen labels, not one per rule).
import { YamlDocuments } from '../../server/src/engine/documents/yamlFile.ts';
import { analyzeDocument } from '../../server/src/engine/prometheus/analyze.ts';
import { previewList } from '../../server/src/engine/prometheus/preview.ts';
import { resolveVersion } from '../../server/src/engine/prometheus/version.ts';

const RULES = Number(process.env.RELABEL_BENCH_RULES ?? 1000);
const TARGETS = Number(process.env.RELABEL_BENCH_TARGETS ?? 1000);
const LIMIT_MS = 1000;

const templates = [
  (i) => `      - source_labels: [__address__]\n        regex: '([^:]+):(\\d+)'\n        target_label: host_${i % 8}\n        replacement: '\${1}'\n`,
  (i) => `      - source_labels: [env, team]\n        separator: /\n        target_label: path_${i % 8}\n`,
  (i) => `      - source_labels: [__address__]\n        regex: 'nothing-${i}\\..*'\n        action: drop\n`,
  (i) => `      - source_labels: [env]\n        regex: 'prod|staging|dev'\n        action: keep\n`,
  (i) => `      - source_labels: [__address__]\n        modulus: ${i + 2}\n        target_label: shard_${i % 8}\n        action: hashmod\n`,
  (i) => `      - source_labels: [team]\n        target_label: team_upper_${i % 8}\n        action: uppercase\n`,
  (i) => `      - regex: 'host_${(i + 3) % 8}'\n        action: labeldrop\n`,
  (i) => `      - regex: 'tmp_(.+)'\n        replacement: 'copy_\${1}'\n        action: labelmap\n`,
  (i) => `      - source_labels: [env]\n        target_label: env\n        action: keepequal\n`,
  (i) => `      - source_labels: [zone]\n        regex: '(?i)EU-(\\d+)'\n        target_label: zone_number\n        replacement: '$1'\n`,
];
let rules = '';
for (let i = 0; i < RULES; i++) rules += templates[i % templates.length](i);
const text = `scrape_configs:\n  - job_name: bench\n    static_configs:\n      - targets: ['app:8000']\n    relabel_configs:\n${rules}`;

const targets = [];
for (let i = 0; i < TARGETS; i++) {
  targets.push({
    __address__: `10.${(i >> 8) & 255}.${i & 255}.${i % 7}:${8000 + (i % 50)}`,
    env: ['prod', 'staging', 'dev'][i % 3],
    team: `team-${i % 17}`,
    zone: `eu-${i % 4}`,
    tmp_rack: `r${i % 9}`,
    __meta_kubernetes_pod_name: `app-${i}`,
  });
}

const documents = new YamlDocuments({ uri: 'file:///bench/prometheus.yml' });
documents.update(text);
const version = resolveVersion(undefined);
const [analysis] = analyzeDocument(documents.docs[0], version.text);
if (!analysis || analysis.rules.length !== RULES) throw new Error('bench config not analysed');
const problems = analysis.rules.flatMap((r) => r.problems).filter((p) => !['relabel-meta-label', 'relabel-replacement-group'].includes(p.kind));
if (problems.length) throw new Error(`bench rules have problems: ${problems[0].message}`);

// One warm-up run (regex compilation is cached per pattern, as in the server), then the measured runs.
previewList(analysis, targets.slice(0, 10), { version, steps: false });
const runs = [];
let result;
// The best of five: the machine may be shared, and the limit is about the engine, not the neighbours.
for (let run = 0; run < 5; run++) {
  const start = performance.now();
  result = previewList(analysis, targets, { version, steps: false });
  runs.push(performance.now() - start);
}
const kept = result.targets.filter((t) => t.kept).length;
if (kept !== TARGETS) throw new Error(`expected every target to survive, ${kept} did`);
const best = Math.min(...runs);
console.log(`relabel preview: ${RULES} rules × ${TARGETS} targets: best ${best.toFixed(0)} ms (runs ${runs.map((r) => r.toFixed(0)).join(', ')} ms), limit ${LIMIT_MS} ms`);
if (best > LIMIT_MS) {
  console.error('relabel preview bench: over the limit');
  process.exit(1);
}
