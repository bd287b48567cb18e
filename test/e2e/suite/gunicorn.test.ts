import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeActionsAt, codeOf, copyFixture, obsconf, openInEditor, positionOf, removeFixture, waitForDiagnostics, waitForHover, waitForReady } from './helpers';

// gunicorn logging (issue 6): a gunicorn.conf.py whose logconfig_dict makes gunicorn.error
// propagate to a root logger on the same handler, so each line is printed twice.

describe('gunicorn logconfig_dict', () => {
  let folder: vscode.Uri | undefined;
  let config: vscode.Uri;
  before(async () => {
    await waitForReady(await obsconf());
    folder = copyFixture('gunicorn');
    config = vscode.Uri.joinPath(folder, 'gunicorn.conf.py');
  });
  after(() => removeFixture(folder));

  it('the hover on logconfig_dict shows the configuration gunicorn passes to dictConfig, and the duplicate lines', async () => {
    const document = (await openInEditor(config)).document;
    const text = await waitForHover(config, positionOf(document, 'logconfig_dict', 4), /```yaml/);
    // gunicorn updates its defaults with the dict (a shallow update): the user's "loggers" replace
    // the default ones, so gunicorn.access is gone and gunicorn.error is the user's.
    const yaml = /```yaml\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    assert.match(yaml, /gunicorn\.error:/);
    assert.doesNotMatch(yaml, /gunicorn\.access:/);
    assert.match(yaml, /format: .*%\(asctime\)s/);
    assert.match(text, /printed twice on stderr/);
  });

  it('the duplicate lines are a warning, and the propagate quick fix clears it', async () => {
    const editor = await openInEditor(config);
    const [problem] = (
      await waitForDiagnostics(config, 'gunicorn/logconfig-duplicate-lines', (ds) => ds.some((d) => codeOf(d) === 'gunicorn/logconfig-duplicate-lines'))
    ).filter((d) => codeOf(d) === 'gunicorn/logconfig-duplicate-lines');
    assert.strictEqual(problem.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(problem.message, /gunicorn\.error line is printed twice on stderr/);
    assert.strictEqual(problem.range.start.line, positionOf(editor.document, 'logconfig_dict').line);

    const actions = await codeActionsAt(config, problem.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /propagate/.test(a.title));
    assert.ok(fix?.edit, `a propagate fix: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /"gunicorn\.error": \{"level": "INFO", "handlers": \["console"\], "propagate": False\}/);
    await waitForDiagnostics(config, 'the warning gone', (ds) => !ds.some((d) => codeOf(d) === 'gunicorn/logconfig-duplicate-lines'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
