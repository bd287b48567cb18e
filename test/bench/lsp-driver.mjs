// Drives a language server over stdio the way VS Code does, and measures it:
// didOpen → first and complete diagnostics (complete: obsconf's status
// notification says "ready", or, for another server, a second without a
// publish), one-character didChange → diagnostics (pairs:
// type an 'x' at the end of a random line, then delete it), and the server's
// peak RSS (VmHWM from /proc). Push diagnostics only.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

/** CPU time (user + system) of a process in ms, from /proc (10 ms resolution). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMB: NaN, peakMB: NaN };
  }
}

export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** xorshift32, for reproducible edit positions. */
function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

/**
 * @param {{ command: string[], file: string, root?: string, edits?: number, seed?: number, timeoutMs?: number, settings?: object }} options
 */
export async function measureServer(options) {
  const { command, file } = options;
  const root = options.root ?? dirname(file);
  const editCount = options.edits ?? 50;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const uri = pathToFileURL(file).toString();
  let text = readFileSync(file, 'utf8');

  const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let exited = false;
  child.on('exit', () => (exited = true));
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));

  // Every publish for the measured file, with its arrival time.
  const publishes = [];
  let onPublish = () => {};
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    if (params.uri !== uri) return;
    publishes.push({ at: performance.now(), version: params.version, count: params.diagnostics.length });
    onPublish();
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => options.settings?.[item.section] ?? null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  // obsconf's own "indexing / ready" notification tells when the first lint is complete.
  let readyAt;
  let onReady = () => {};
  connection.onNotification('obsconf/status', (params) => {
    if (params.state === 'ready') {
      readyAt = performance.now();
      onReady();
    }
  });
  connection.onNotification(() => {});
  connection.listen();

  const waitFor = (predicate, what) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const hit = publishes.find(predicate);
        if (hit) {
          clearTimeout(timer);
          onPublish = () => {};
          resolve(hit);
        } else if (exited) reject(new Error(`server exited while waiting for ${what}\n${stderr}`));
      };
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\n${stderr}`)), timeoutMs);
      onPublish = check;
      check();
    });

  const result = { file: basename(file), lines: text.split('\n').length - 1 };
  try {
    const rootUri = pathToFileURL(root).toString();
    let t0 = performance.now();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: basename(root) }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { synchronization: { dynamicRegistration: true }, publishDiagnostics: { versionSupport: true, relatedInformation: true } },
      },
    });
    result.initializeMs = performance.now() - t0;
    await connection.sendNotification('initialized', {});

    const cpuBeforeOpen = cpuMs(child.pid);
    t0 = performance.now();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const opened = await waitFor((p) => p.version === 1, 'diagnostics after didOpen');
    result.firstDiagnosticsMs = opened.at - t0;
    // Complete: the server says it is idle, or (for other servers) no publish for a second.
    await new Promise((resolve) => {
      const quiet = () => {
        const last = publishes[publishes.length - 1].at;
        if (readyAt !== undefined && readyAt >= opened.at) return resolve();
        if (performance.now() - last > 1000) return resolve();
        setTimeout(quiet, 50);
      };
      onReady = quiet;
      quiet();
    });
    const settled = publishes[publishes.length - 1];
    result.openMs = (readyAt !== undefined && readyAt >= opened.at ? Math.max(readyAt, settled.at) : settled.at) - t0;
    result.openDiagnostics = settled.count;
    result.openCpuMs = cpuMs(child.pid) - cpuBeforeOpen;
    result.rssAfterOpenMB = memory(child.pid).rssMB;

    // Candidate lines: not blank, not a document marker, not a comment.
    let lineStarts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const lineEnd = (line) => (line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length);
    const candidates = [];
    for (let line = 0; line < lineStarts.length; line++) {
      const content = text.slice(lineStarts[line], lineEnd(line)).trim();
      if (content && content !== '---' && !content.startsWith('#')) candidates.push(line);
    }
    const next = random(options.seed ?? 7);
    const latencies = [];
    const cpuBeforeEdits = cpuMs(child.pid);
    let version = 1;
    let pending;
    for (let e = 0; e < editCount; e++) {
      let change;
      if (pending) {
        change = { range: { start: pending, end: { line: pending.line, character: pending.character + 1 } }, rangeLength: 1, text: '' };
        pending = undefined;
      } else {
        const line = candidates[Math.floor(next() * candidates.length)];
        const character = lineEnd(line) - lineStarts[line];
        pending = { line, character };
        change = { range: { start: pending, end: pending }, rangeLength: 0, text: 'x' };
      }
      // Keep the local text in step (single-line edits: line starts after the edit shift by ±1).
      const offset = lineStarts[change.range.start.line] + change.range.start.character;
      const removed = change.text === '' ? 1 : 0;
      text = text.slice(0, offset) + change.text + text.slice(offset + removed);
      const delta = change.text.length - removed;
      for (let l = change.range.start.line + 1; l < lineStarts.length; l++) lineStarts[l] += delta;

      version++;
      const wanted = version;
      t0 = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const published = await waitFor((p) => p.version === wanted, `diagnostics for version ${wanted}`);
      latencies.push(published.at - t0);
      // A short pause between keystrokes, as a person types.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    result.editCpuMs = (cpuMs(child.pid) - cpuBeforeEdits) / Math.max(1, latencies.length);
    result.editP50Ms = quantile(latencies, 0.5);
    result.editP95Ms = quantile(latencies, 0.95);
    result.editMaxMs = Math.max(...latencies);
    const mem = memory(child.pid);
    result.rssMB = mem.rssMB;
    result.peakRssMB = mem.peakMB;

    const shutdown = await Promise.race([connection.sendRequest('shutdown').then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
    if (shutdown) await connection.sendNotification('exit');
    result.cleanExit = await new Promise((resolve) => {
      if (exited) return resolve(true);
      const timer = setTimeout(() => resolve(false), 5000);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  } finally {
    connection.dispose();
    if (!exited) child.kill('SIGKILL');
  }
  return result;
}

/**
 * Opens a workspace folder without opening any file: initialize → the
 * server's status says "ready" (it has read, indexed and checked every file).
 * Only obsconf sends that status; other servers give a timeout.
 */
export async function measureScan({ command, root, timeoutMs = 120_000 }) {
  const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  let publishes = 0;
  let resolveReady;
  const ready = new Promise((resolve) => (resolveReady = resolve));
  connection.onNotification('textDocument/publishDiagnostics', () => publishes++);
  connection.onNotification('obsconf/status', (params) => {
    if (params.state === 'ready') resolveReady(params);
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification(() => {});
  connection.listen();
  try {
    const rootUri = pathToFileURL(root).toString();
    const t0 = performance.now();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: basename(root) }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
    });
    await connection.sendNotification('initialized', {});
    let timer;
    const status = await Promise.race([ready, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no ready status\n${stderr}`)), timeoutMs)))]);
    clearTimeout(timer);
    const result = { scanMs: performance.now() - t0, files: status.files, publishes, cpuMs: cpuMs(child.pid), peakRssMB: memory(child.pid).peakMB };
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    return result;
  } finally {
    connection.dispose();
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  }
}
