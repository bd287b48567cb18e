import * as assert from 'assert';
import * as vscode from 'vscode';
import { copyFixture, obsconf, openInEditor, positionOf, removeFixture, waitFor, waitForCodeLenses, waitForHover, waitForReady } from './helpers';

// Relabel configs (issue 5): the preview lens on every relabel list, the hover with the defaults
// filled in, and the step-by-step preview driven through its quick pick and notification.

const PREVIEW = /^Preview relabeling \((\d+) rules?\)$/;

function lensesOnLine(lenses: vscode.CodeLens[], document: vscode.TextDocument, key: string): string[] {
  const line = positionOf(document, key).line;
  return lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title ?? '');
}

describe('relabel configs', () => {
  let folder: vscode.Uri | undefined;
  before(async () => {
    await waitForReady(await obsconf());
    folder = copyFixture('relabel');
  });
  after(() => removeFixture(folder));

  it('@smoke a "Preview relabeling" CodeLens sits on each relabel list of a prometheus.yml and of a ServiceMonitor', async () => {
    const prometheus = (await openInEditor(vscode.Uri.joinPath(folder!, 'prometheus.yml'))).document;
    const lenses = await waitForCodeLenses(prometheus.uri, 'a relabel preview lens', (ls) => ls.some((l) => PREVIEW.test(l.command?.title ?? '')));
    assert.deepStrictEqual(lensesOnLine(lenses, prometheus, 'relabel_configs:'), ['Preview relabeling (2 rules)']);
    const lens = lenses.find((l) => PREVIEW.test(l.command?.title ?? ''))!;
    assert.strictEqual(lens.command?.command, 'obsconf.relabelPreview');

    const monitor = (await openInEditor(vscode.Uri.joinPath(folder!, 'servicemonitor.yaml'))).document;
    const monitorLenses = await waitForCodeLenses(monitor.uri, 'two relabel preview lenses', (ls) => ls.filter((l) => PREVIEW.test(l.command?.title ?? '')).length === 2);
    assert.deepStrictEqual(lensesOnLine(monitorLenses, monitor, 'relabelings:'), ['Preview relabeling (1 rule)']);
    assert.deepStrictEqual(lensesOnLine(monitorLenses, monitor, 'metricRelabelings:'), ['Preview relabeling (1 rule)']);
  });

  it('the hover on a relabel rule shows the effective rule, defaults filled in, and what it does', async () => {
    const document = (await openInEditor(vscode.Uri.joinPath(folder!, 'prometheus.yml'))).document;
    const text = await waitForHover(document.uri, positionOf(document, 'target_label: my_new_label', 3), /Relabel rule 1/);
    // The seed article's point: unwritten fields take Prometheus' defaults.
    assert.match(text, /action: replace\s+# default/);
    assert.match(text, /separator: "?;"?\s+# default/);
    assert.match(text, /regex: "?\(\.\*\)"?\s+# default/);
    assert.match(text, /target_label: "?my_new_label"?\n/, 'written fields are not marked default');
    assert.match(text, /my_new_label/);
    assert.match(text, /my-new-label-value/);
  });

  it('the preview lens runs the rules over the labels typed in its sample editor, step by step', async () => {
    const document = (await openInEditor(vscode.Uri.joinPath(folder!, 'prometheus.yml'))).document;
    const lenses = await waitForCodeLenses(document.uri, 'a relabel preview lens', (ls) => ls.some((l) => PREVIEW.test(l.command?.title ?? '')));
    const lens = lenses.find((l) => PREVIEW.test(l.command?.title ?? ''))!;
    await vscode.commands.executeCommand('notifications.clearAll');

    // What a click on the lens runs. It asks where the labels come from (a quick pick), opens the
    // suggested labels in an editor, and runs once the user confirms in a notification.
    let outcome: { markdown?: string; error?: unknown } | undefined;
    vscode.commands.executeCommand<string | undefined>(lens.command!.command, ...(lens.command!.arguments ?? [])).then(
      (markdown) => (outcome = { markdown }),
      (error) => (outcome = { error }),
    );
    const samples = await waitFor('the editor with the suggested sample labels', async () => {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.isUntitled && e.document.getText().includes('Sample targets for the relabel preview'));
      // The first item of the quick pick is "Edit the suggested sample labels".
      if (!editor) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return editor;
    });
    assert.match(samples.document.getText(), /localhost:9090/, 'the suggestion starts from the job\'s static target');

    // Two targets of our own: one kept with the new label, one that the second rule drops.
    const whole = new vscode.Range(0, 0, samples.document.lineCount, 0);
    assert.ok(await samples.edit((e) => e.replace(whole, "- targets: ['localhost:9090', 'canary-1:9090']\n  labels: {env: prod}\n")));
    const markdown = await waitFor('the preview after "Run preview"', async () => {
      if (outcome) return outcome;
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      return undefined;
    }).then((o) => {
      assert.ok(o.markdown, `the command returned the preview: ${String(o.error ?? 'nothing')}`);
      return o.markdown;
    });

    const [kept, dropped] = markdown.split(/^## /m).slice(1);
    assert.match(kept, /^localhost:9090\n/);
    assert.match(kept, /\| 1 \| [^|]+ \| \+my_new_label="my-new-label-value" \|/, 'step 1 adds the label');
    assert.match(kept, /\| 2 \| [^|]+ \| no change \|/, 'step 2 keeps the target');
    assert.match(kept, /\*\*Final labels:\*\* `\{env="prod", instance="localhost:9090", job="prometheus", my_new_label="my-new-label-value"\}`/);
    assert.match(dropped, /^canary-1:9090\n/);
    assert.match(dropped, /\*\*Dropped by rule 2\.\*\*/);

    // The table is shown rendered: a markdown document and its preview.
    await waitFor('the markdown preview of the table', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)),
    );
    assert.ok(
      vscode.workspace.textDocuments.some((d) => d.languageId === 'markdown' && d.getText() === markdown),
      'the preview document holds the table the command returned',
    );
  });
});
