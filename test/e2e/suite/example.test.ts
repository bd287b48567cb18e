import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID, obsconf, waitForDiagnostics, workspaceUri } from './helpers';

describe('the packaged extension', () => {
  it('@smoke runs from where the test run installed it', async () => {
    await obsconf();
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const root = extension.extensionPath;
    assert.ok(fs.existsSync(path.join(root, 'dist', 'server.js')), 'the bundled server is there');
    if (process.env.OBSCONF_E2E_MODE === 'vsix') {
      // Installed from the VSIX into the test VS Code's extensions folder, not the repository.
      assert.match(root, /obsconf\.obsconf-\d+\.\d+\.\d+/, `installed extension folder: ${root}`);
      assert.ok(!fs.existsSync(path.join(root, 'node_modules')), 'no node_modules inside the VSIX');
      assert.ok(!fs.existsSync(path.join(root, 'client', 'src')), 'no sources inside the VSIX');
    } else {
      assert.ok(fs.existsSync(path.join(root, 'client', 'src', 'extension.ts')), `development folder: ${root}`);
    }
  });
});

describe('the manifest, as VS Code read it', () => {
  it('@smoke every contributed command is registered once the extension is active', async () => {
    await obsconf();
    const contributed: { command: string }[] = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, []);
  });
});

describe('the "Open Example" command', () => {
  it('@smoke copies the example, and the server checks the new files without opening them', async () => {
    await obsconf();
    const parent = workspaceUri().fsPath;
    const target = await vscode.commands.executeCommand<string>('obsconf.openExample', { parent, open: false });
    assert.strictEqual(path.dirname(target), parent);
    assert.deepStrictEqual(fs.readdirSync(target).sort(), ['deployment.yml', 'service.yml', 'servicemonitor.yml']);

    // Only the file watcher tells the server about these files.
    await waitForDiagnostics(vscode.Uri.file(path.join(target, 'servicemonitor.yml')), 'the copied example checked', (ds) =>
      ds.some((d) => codeOf(d) === 'monitoring/scrape-duration'),
    );
    // Deleting the files clears their diagnostics. (File by file: VS Code reports a deleted folder
    // as one event for the folder, which a `**/*.yml` watcher does not match.)
    for (const file of fs.readdirSync(target)) fs.rmSync(path.join(target, file));
    await waitForDiagnostics(vscode.Uri.file(path.join(target, 'servicemonitor.yml')), 'diagnostics gone with the files', (ds) => ds.length === 0);
    fs.rmdirSync(target);
  });
});
