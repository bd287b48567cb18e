import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { YamlDocuments } from '../../server/src/engine/documents/yamlFile';
import { objectiveInlay, objectiveMarkdown } from '../../server/src/engine/slo/explain';
import { objectiveAt, objectivesOf } from '../../server/src/engine/slo/objectives';

function docs(text: string) {
  const documents = new YamlDocuments({ uri: 'file:///slo.yaml' });
  documents.update(text);
  return documents.docs;
}

describe('SLO objectives in documents', () => {
  test('Sloth, OpenSLO, slo: and the ServiceMonitor annotation are found with their ratios', () => {
    const text = [
      'version: prometheus/v1',
      'service: checkout',
      'slos:',
      '  - name: availability',
      '    objective: 99.9',
      '---',
      'apiVersion: openslo/v1',
      'kind: SLO',
      'metadata: {name: x}',
      'spec:',
      '  timeWindow:',
      '    - duration: 28d',
      '  objectives:',
      '    - target: 0.995',
      '---',
      'apiVersion: monitoring.coreos.com/v1',
      'kind: ServiceMonitor',
      'metadata:',
      '  name: web',
      '  annotations:',
      '    obsconf.dev/slo-objective: "99.95%"',
      '---',
      'slo: 0.99',
      '',
    ].join('\n');
    const found = docs(text).flatMap((d) => objectivesOf(d).map((s) => [s.source, s.ratio]));
    assert.deepEqual(found, [
      ['sloth', 0.999],
      ['openslo', 0.995],
      ['annotation', 0.9995],
      ['slo-key', 0.99],
    ]);
  });

  test('the hover shows the budgets and the SLO\'s own window; the inlay hint is short', () => {
    const [doc] = docs('apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: x}\nspec:\n  timeWindow:\n    - duration: 28d\n  objectives:\n    - target: 0.999\n');
    const offset = doc.text.indexOf('0.999') + 2;
    const site = objectiveAt(doc, offset);
    assert.ok(site);
    const markdown = objectiveMarkdown(site)!;
    assert.match(markdown, /\| 30 days \| 43 min 12 s \|/);
    assert.match(markdown, /\| year \| 8 h 45 min 58 s \|/);
    assert.match(markdown, /\| 28 d \(this SLO's window\) \| 40 min 19 s \|/);
    assert.equal(objectiveInlay(site), 'budget 43 min 12 s / 30 d · 8 h 45 min 58 s / year');
  });

  test('mixed-up forms carry an explanation and a suggestion instead of a ratio', () => {
    const [doc] = docs('version: prometheus/v1\nslos:\n  - objective: 0.999\n');
    const [site] = objectivesOf(doc);
    assert.equal(site.ratio, undefined);
    assert.equal(site.suggestion, '99.9');
  });
});
