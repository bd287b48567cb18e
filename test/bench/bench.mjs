// `npm run bench`: measures the built server and CLI on generated workspaces
// of N apps (N = 50, 300, 1000 by default) and prints a table.
//
//   node test/bench/bench.mjs [--n 50,300,1000] [--edits 50] [--seed 1] [--json]
//                             [--server "node other-server.js --stdio"]
//
// Per N: the `yaml` parseAllDocuments time of the multi-document file (the
// floor: cold, then the median of 5 warm runs), didOpen → first and complete
// diagnostics, didChange → diagnostics p50/p95 over one-character edits (and
// the server's CPU per edit, steadier than wall time on a busy machine), the
// server's peak RSS; on the three-files-per-app folder, the server's time from
// initialize to "ready" (every file read and checked) and the CLI's wall time.
// Targets (issue 2) are checked at N = 1000 and reported, never asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeApps } from './generate.mjs';
import { measureScan, measureServer, quantile } from './lsp-driver.mjs';

const require = createRequire(import.meta.url);
const { parseAllDocuments } = require('yaml');
const repo = fileURLToPath(new URL('../..', import.meta.url));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const sizes = option('--n', '50,300,1000').split(',').map(Number);
const edits = Number(option('--edits', '50'));
const seed = Number(option('--seed', '1'));
const json = args.includes('--json');
const serverCommand = option('--server', undefined)?.split(' ') ?? [process.execPath, join(repo, 'dist', 'server.js'), '--stdio'];
const log = (message) => process.stderr.write(`bench: ${message}\n`);

/** parseAllDocuments of the file: the first (cold) run, and the median of 5 more; wall and CPU time (all threads, GC included). */
function floor(file) {
  const text = readFileSync(file, 'utf8');
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let c0 = cpu();
  let t0 = performance.now();
  parseAllDocuments(text);
  const cold = performance.now() - t0;
  const coldCpu = cpu() - c0;
  const warm = [];
  const warmCpu = [];
  for (let i = 0; i < 5; i++) {
    c0 = cpu();
    t0 = performance.now();
    parseAllDocuments(text);
    warm.push(performance.now() - t0);
    warmCpu.push(cpu() - c0);
  }
  return { coldMs: cold, warmMs: quantile(warm, 0.5), coldCpuMs: coldCpu, warmCpuMs: quantile(warmCpu, 0.5) };
}

function cliWall(folder) {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [join(repo, 'dist', 'cli.js'), 'check', folder], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (run.status !== 0 && run.status !== 1) throw new Error(`CLI failed (exit ${run.status}): ${run.stderr}`);
  return { ms, exit: run.status };
}

const work = mkdtempSync(join(tmpdir(), 'obsconf-bench-'));
const rows = [];
try {
  for (const n of sizes) {
    const written = writeApps(n, join(work, `n${n}`), seed);
    log(`N=${n}: ${written.lines} lines, ${written.documents} documents`);
    const f = floor(written.file);
    log(`N=${n}: floor ${f.warmMs.toFixed(0)} ms (cold ${f.coldMs.toFixed(0)} ms)`);
    // The workspace root holds only the multi-document file, as when a user opens that folder.
    const server = await measureServer({ command: serverCommand, file: written.file, edits, seed });
    log(`N=${n}: open ${server.firstDiagnosticsMs.toFixed(0)} / ${server.openMs.toFixed(0)} ms, edit p50 ${server.editP50Ms.toFixed(1)} ms p95 ${server.editP95Ms.toFixed(1)} ms, peak RSS ${server.peakRssMB.toFixed(0)} MB`);
    const scan = serverCommand[1]?.endsWith('server.js') ? await measureScan({ command: serverCommand, root: written.folder }) : undefined;
    if (scan) log(`N=${n}: server scan of the folder (${scan.files} files) → ready ${scan.scanMs.toFixed(0)} ms`);
    const cli = cliWall(written.folder);
    log(`N=${n}: CLI on the folder ${cli.ms.toFixed(0)} ms (exit ${cli.exit})`);
    rows.push({ n, lines: written.lines, documents: written.documents, floor: f, server, scan, cli });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (json) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
  const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
  const lines = [
    '| N | lines | docs | floor: yaml parse, warm / cold (ms) [CPU] | didOpen → first / complete diagnostics (ms) [server CPU] | edit → diagnostics p50 / p95 (ms) [server CPU per edit] | peak RSS (MB) | folder: server scan → ready / CLI (ms) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.n} | ${r.lines} | ${r.documents} | ${fmt(r.floor.warmMs)} / ${fmt(r.floor.coldMs)} [${fmt(r.floor.warmCpuMs)} / ${fmt(r.floor.coldCpuMs)}] | ${fmt(r.server.firstDiagnosticsMs)} / ${fmt(r.server.openMs)} [${fmt(r.server.openCpuMs)}] | ${fmt(r.server.editP50Ms, 1)} / ${fmt(r.server.editP95Ms, 1)} [${fmt(r.server.editCpuMs, 1)}] | ${fmt(r.server.peakRssMB)} | ${fmt(r.scan?.scanMs)} / ${fmt(r.cli.ms)} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const big = rows.find((r) => r.n === 1000);
  if (big) {
    const checks = [
      [`open → complete diagnostics ${fmt(big.server.openMs)} ms ≤ floor ${fmt(big.floor.warmMs)} ms (warm; ${fmt(big.floor.coldMs)} ms cold)`, big.server.openMs <= big.floor.warmMs],
      ['edit p50 ≤ 20 ms', big.server.editP50Ms <= 20],
      ['edit p95 ≤ 50 ms', big.server.editP95Ms <= 50],
      ['peak RSS ≤ 300 MB', big.server.peakRssMB <= 300],
    ];
    process.stdout.write(`\nTargets at N = 1000: ${checks.map(([what, ok]) => `${ok ? 'met' : 'MISSED'}: ${what}`).join('; ')}\n`);
  }
}
