import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { codeOf, obsconf, openInEditor, processAlive, waitFor, waitForDiagnostics, waitForReady, workspaceUri } from './helpers';

/** Errors and warnings obsconf reports across the workspace, as the Problems panel counts them. */
function problemCounts(): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== 'obsconf') continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
  }
  return { errors, warnings };
}

describe('the language server', () => {
  it('@smoke the status bar shows the server ready and the workspace problem count', async () => {
    const api = await waitForReady(await obsconf());
    const expected = await waitFor(
      'the status bar to count what the Problems panel holds',
      () => {
        const counts = problemCounts();
        return counts.errors > 0 && api.statusBarText === `$(error) ${counts.errors} $(warning) ${counts.warnings} obsconf` ? counts : undefined;
      },
      { events: [vscode.languages.onDidChangeDiagnostics, api.onDidChange as vscode.Event<unknown>], describe: () => `${api.statusBarText} vs ${JSON.stringify(problemCounts())}` },
    );
    assert.strictEqual(api.status?.errors, expected.errors);
    assert.match(api.statusBarTooltip, /\d+ files checked/);
  });

  it('restarts cleanly: the old process ends, a new one starts, diagnostics come back', async () => {
    const api = await waitForReady(await obsconf());
    const oldPid = api.serverPid;
    assert.ok(oldPid, 'the server runs in a process of its own');
    const monitor = workspaceUri('broken-app', 'servicemonitor.yml');
    await openInEditor(monitor);
    await waitForDiagnostics(monitor, 'diagnostics before the restart', (ds) => ds.length > 0);

    const states: string[] = [];
    const listener = api.onDidChange(() => states.push(api.state));
    try {
      await vscode.commands.executeCommand('obsconf.restartServer');
    } finally {
      listener.dispose();
    }
    assert.ok(states.includes('stopped'), `the server went through "stopped": ${states.join(' → ')}`);
    await waitFor(`old server process ${oldPid} to exit`, () => (processAlive(oldPid) ? undefined : true), { timeoutMs: 10_000 });
    await waitForReady(api);
    const newPid = api.serverPid;
    assert.ok(newPid && newPid !== oldPid, `a new server process (${oldPid} → ${newPid})`);
    assert.ok(processAlive(newPid));

    // The new server lints the open document and the workspace again.
    const diagnostics = await waitForDiagnostics(monitor, 'scrape-duration after the restart', (ds) =>
      ds.some((d) => codeOf(d) === 'monitoring/scrape-duration'),
    );
    assert.ok(diagnostics.length > 0);
    assert.match(api.statusBarText, /^\$\(error\) \d+ \$\(warning\) \d+ obsconf$/);
  });

  it('two restarts in a row leave exactly one server running', async () => {
    const api = await waitForReady(await obsconf());
    const pids = new Set<number>([api.serverPid!]);
    const listener = api.onDidChange(() => api.serverPid && pids.add(api.serverPid));
    try {
      await Promise.all([vscode.commands.executeCommand('obsconf.restartServer'), vscode.commands.executeCommand('obsconf.restartServer')]);
      await waitForReady(api);
    } finally {
      listener.dispose();
    }
    const last = api.serverPid!;
    assert.ok(pids.size >= 3, `two new servers were started: ${[...pids].join(', ')}`);
    for (const pid of pids) {
      if (pid !== last) await waitFor(`server process ${pid} to exit`, () => (processAlive(pid) ? undefined : true), { timeoutMs: 10_000 });
    }
    assert.ok(processAlive(last), 'the last server started is running');
  });

  it('obsconf.server.path runs another obsconf-language-server, and clearing it goes back to the bundled one', async function () {
    const api = await waitForReady(await obsconf());
    const extensionPath = vscode.extensions.getExtension('obsconf.obsconf')!.extensionPath;
    // A wrapper that leaves a mark, then runs the bundled server, as an installed
    // `obsconf-language-server` would run.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'obsconf-server-path-'));
    const mark = path.join(dir, 'started');
    const wrapper = path.join(dir, 'obsconf-language-server');
    fs.writeFileSync(wrapper, `#!/bin/sh\necho "$@" > "${mark}"\nexec "${process.execPath}" "${path.join(extensionPath, 'dist', 'server.js')}" "$@"\n`, { mode: 0o755 });
    const config = vscode.workspace.getConfiguration('obsconf');
    const before = api.serverPid;
    try {
      await config.update('server.path', wrapper, vscode.ConfigurationTarget.Global);
      await waitFor('a server started from obsconf.server.path', () => (api.serverPid !== before && api.state === 'ready' && fs.existsSync(mark) ? true : undefined), {
        events: [api.onDidChange as vscode.Event<unknown>],
        describe: () => `${api.state} pid ${api.serverPid}, mark ${fs.existsSync(mark)}`,
      });
      assert.match(fs.readFileSync(mark, 'utf8'), /--stdio/);
      const monitor = workspaceUri('broken-app', 'servicemonitor.yml');
      await openInEditor(monitor);
      await waitForDiagnostics(monitor, 'diagnostics from that server', (ds) => ds.some((d) => codeOf(d) === 'monitoring/scrape-duration'));
    } finally {
      const custom = api.serverPid;
      await config.update('server.path', undefined, vscode.ConfigurationTarget.Global);
      await waitFor('the bundled server again', () => (api.serverPid !== custom && api.state === 'ready' ? true : undefined), { events: [api.onDidChange as vscode.Event<unknown>] });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the output channel logs the server lifecycle', async () => {
    await vscode.commands.executeCommand('obsconf.showOutput');
    await waitFor(
      'the obsconf output channel to show the restart',
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && /Restarting the language server/.test(d.getText())),
      { events: [vscode.workspace.onDidOpenTextDocument as vscode.Event<unknown>, vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>] },
    );
  });
});
