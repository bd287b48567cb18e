import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, obsconf, waitFor } from './helpers';

async function completionLabels(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.filter((item) => item.kind === vscode.CompletionItemKind.Snippet).map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

describe('snippets', () => {
  before(async () => {
    await obsconf();
  });
  after(closeAllEditors);

  it('@smoke a YAML file is offered the ServiceMonitor snippet, and inserting it gives a ServiceMonitor', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'servicemon' });
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(0).range.end;
    const labels = await waitFor('snippet completions in YAML', async () => {
      const found = await completionLabels(document, end);
      return found.includes('servicemonitor') ? found : undefined;
    });
    assert.ok(labels.includes('obsconf-servicemonitor'), `offered under both prefixes: ${labels.join(', ')}`);

    editor.selection = new vscode.Selection(new vscode.Position(0, 0), end);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name: 'ServiceMonitor' });
    const text = document.getText();
    assert.match(text, /^apiVersion: monitoring\.coreos\.com\/v1\nkind: ServiceMonitor\n/);
    assert.match(text, /- port: metrics-1\n {4}interval: 15s\n {2}- port: metrics-2\n/);
  });

  it('an empty YAML file is offered PodMonitor and the numbered port blocks', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    await vscode.window.showTextDocument(document);
    await waitFor('PodMonitor and port block snippets', async () => {
      const found = await completionLabels(document, new vscode.Position(0, 0));
      return ['podmonitor', 'metrics-ports-container', 'metrics-ports-service'].every((l) => found.includes(l)) ? found : undefined;
    });
  });

  it('a Python file is offered the django-prometheus port range snippet', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'prometheus-port' });
    await vscode.window.showTextDocument(document);
    await waitFor('the port range snippet in Python', async () => {
      const found = await completionLabels(document, document.lineAt(0).range.end);
      return found.includes('prometheus-port-range') ? found : undefined;
    });
  });
});
