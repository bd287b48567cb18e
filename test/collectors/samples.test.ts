import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SampleSet } from '../../server/src/engine/collectors/samples';

const fixture = (name: string) => JSON.stringify([{ model: 'app.component', pk: 1, fields: { name } }]);
const samplesFile = (name: string) => `models:\n  Component:\n    - name: ${name}\n`;

test('rows next to the collector win over a samples file in an unrelated folder (regression: the CLI took a test corpus)', () => {
  const set = new SampleSet();
  set.add('file:///repo/test/corpus/case/.obsconf-samples.yaml', samplesFile('elsewhere'));
  set.add('file:///repo/examples/stack/app/fixtures/components.json', fixture('nearby'));
  const rows = set.rowsFor('Component', '.models', 'app', 'file:///repo/examples/stack/app/collectors.py');
  assert.equal(rows?.rows[0].name, 'nearby');
});

test('a samples file above the collector still wins over its app fixtures', () => {
  const set = new SampleSet();
  set.add('file:///repo/.obsconf-samples.yaml', samplesFile('from-samples'));
  set.add('file:///repo/app/fixtures/components.json', fixture('from-fixture'));
  const rows = set.rowsFor('Component', '.models', 'app', 'file:///repo/app/collectors.py');
  assert.equal(rows?.rows[0].name, 'from-samples');
});
