import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, copyFixture, obsconf, openInEditor, positionOf, removeFixture, waitFor, waitForCodeLenses, waitForDiagnostics, waitForHover, waitForReady } from './helpers';

// Custom collector preview (issue 7). The fixture's collector yields a gauge and a counter per
// Channel row; the rows come from a Django fixture (orders-eu, mail, search.v2), so the names
// are orders_eu_backlog, mail_delivered_total, …, and "search.v2" makes names prometheus_client
// rejects.

const LENS = /^2 metric families × 3 channels — preview$/;

describe('custom collector preview', () => {
  let folder: vscode.Uri | undefined;
  let collector: vscode.Uri;
  before(async () => {
    await waitForReady(await obsconf());
    folder = copyFixture('collectors');
    collector = vscode.Uri.joinPath(folder, 'messaging', 'collectors.py');
  });
  after(() => removeFixture(folder));

  it('@smoke a CodeLens above the collector counts its metric families and the sample rows', async () => {
    const document = (await openInEditor(collector)).document;
    const lenses = await waitForCodeLenses(collector, 'the collector lens', (ls) => ls.some((l) => LENS.test(l.command?.title ?? '')));
    const lens = lenses.find((l) => LENS.test(l.command?.title ?? ''))!;
    assert.strictEqual(lens.range.start.line, positionOf(document, 'class ChannelCollector').line);
    assert.strictEqual(lens.command?.command, 'obsconf.previewMetrics');
  });

  it('"Preview metrics" opens a read-only document in the Prometheus exposition format', async () => {
    await openInEditor(collector);
    const lenses = await waitForCodeLenses(collector, 'the collector lens', (ls) => ls.some((l) => LENS.test(l.command?.title ?? '')));
    const lens = lenses.find((l) => LENS.test(l.command?.title ?? ''))!;
    const returned = await vscode.commands.executeCommand<string | undefined>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.ok(returned, 'the command returned the preview');

    const editor = await waitFor('the preview editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'obsconf-metrics'));
    const text = editor.document.getText();
    assert.strictEqual(text, returned);
    // What generate_latest() writes for these families: a gauge under its own name, a counter as
    // <name>_total under <name>_total too (the Prometheus text format, not OpenMetrics), one sample per row with its label.
    assert.match(text, /^# HELP orders_eu_backlog Messages waiting$/m);
    assert.match(text, /^# TYPE orders_eu_backlog gauge$/m);
    assert.match(text, /^orders_eu_backlog\{team="shop"\} /m);
    assert.match(text, /^# TYPE mail_delivered_total counter$/m);
    assert.match(text, /^mail_delivered_total\{team="platform"\} /m);
    assert.match(text, /RAISES ValueError: Invalid metric name/, 'search.v2 is marked as raising');
    assert.doesNotMatch(text, /^orders-eu/m, 'the "-" was replaced as the source says');

    // Read-only: typing into the focused preview editor changes nothing.
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    assert.strictEqual(vscode.window.activeTextEditor?.document, editor.document, 'the preview editor has the focus');
    await vscode.commands.executeCommand('type', { text: 'typed' });
    assert.strictEqual(editor.document.getText(), returned, 'the preview document took no keystrokes');
    assert.ok(!editor.document.isDirty);
  });

  it('the hover on a *MetricFamily call lists the names it renders for each row', async () => {
    const document = (await openInEditor(collector)).document;
    const text = await waitForHover(collector, positionOf(document, "CounterMetricFamily(f", 3), /orders_eu_delivered_total/);
    assert.match(text, /CounterMetricFamily/);
    assert.match(text, /`mail_delivered_total`/);
    assert.match(text, /`search\.v2_delivered_total`/);
    assert.doesNotMatch(text, /_backlog/, 'only the family under the cursor');
  });

  it('a name prometheus_client would reject is an error at the name argument', async () => {
    const document = (await openInEditor(collector)).document;
    const diagnostics = await waitForDiagnostics(collector, 'collectors/metric-name-invalid twice', (ds) => ds.filter((d) => codeOf(d) === 'collectors/metric-name-invalid').length === 2);
    const lines = diagnostics.filter((d) => codeOf(d) === 'collectors/metric-name-invalid').map((d) => d.range.start.line);
    assert.deepStrictEqual(lines.sort(), [positionOf(document, "prefix + '_backlog'").line, positionOf(document, "f'{prefix}_delivered_total'").line]);
    assert.ok(diagnostics.every((d) => /search\.v2/.test(d.message)));
  });
});
