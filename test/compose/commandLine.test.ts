import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { isIpAddress, splitHostPort } from '../../server/src/engine/compose/address';
import { findFlags, readCommandLine } from '../../server/src/engine/compose/commandLine';
import { imageBaseName, invocation } from '../../server/src/engine/compose/roles';

function line(yaml: string) {
  const doc = parseDocument(yaml);
  return { text: yaml, line: readCommandLine(doc, yaml, (doc.contents as { items: { value: unknown }[] }).items[0].value) };
}

describe('command lines', () => {
  test('a list keeps each word\'s exact place inside its quotes', () => {
    const { text, line: l } = line("command: ['--cluster.peer=tasks.am_2:9094', \"--storage.path=/am\"]\n");
    assert.deepEqual(l.args.map((a) => a.value), ['--cluster.peer=tasks.am_2:9094', '--storage.path=/am']);
    assert.equal(text.slice(l.args[0].span.start, l.args[0].span.end), '--cluster.peer=tasks.am_2:9094');
    const [peer] = findFlags(l.args);
    assert.equal(peer.name, 'cluster.peer');
    assert.equal(text.slice(peer.valueSpan!.start, peer.valueSpan!.end), 'tasks.am_2:9094');
  });

  test('a string is split like a shell, with quotes, and words are located', () => {
    const { text, line: l } = line('command: --config.file=/etc/a.yml --cluster.peer "tasks.b:9094" --web.enable-lifecycle\n');
    assert.equal(l.form, 'string');
    const flags = findFlags(l.args);
    assert.deepEqual(flags.map((f) => [f.name, f.value]), [
      ['config.file', '/etc/a.yml'],
      ['cluster.peer', 'tasks.b:9094'],
      ['web.enable-lifecycle', undefined],
    ]);
    assert.equal(text.slice(flags[0].valueSpan!.start, flags[0].valueSpan!.end), '/etc/a.yml');
  });

  test('a boolean flag never swallows the next word', () => {
    const { line: l } = line('command: [--web.enable-lifecycle, --config.file=/x]\n');
    assert.deepEqual(findFlags(l.args).map((f) => f.name), ['web.enable-lifecycle', 'config.file']);
  });

  test('the program comes from the entrypoint, the command\'s binary or the image', () => {
    const words = (...values: string[]) => values.map((value) => ({ value, span: { start: 0, end: 0 }, scalarSpan: { start: 0, end: 0 } }));
    assert.equal(invocation('prom/alertmanager:v0.27.0', undefined, words('--storage.path=/a')).program, 'alertmanager');
    assert.equal(invocation('busybox', undefined, words('/bin/prometheus', '--web.enable-lifecycle')).program, 'prometheus');
    assert.equal(invocation('ghcr.io/jimmidyson/configmap-reload', undefined, words('--volume-dir=/etc/prometheus')).program, undefined);
    assert.equal(invocation('prom/prometheus', words('sh', '-c'), words('prometheus --x')).program, undefined);
    assert.equal(invocation('prom/prometheus', undefined, undefined).argsFrom, 'image-default');
    assert.equal(imageBaseName('quay.io/prometheus/alertmanager@sha256:abc'), 'alertmanager');
    assert.equal(imageBaseName('localhost:5000/prometheus:v2'), 'prometheus');
  });
});

describe('addresses as Go reads them', () => {
  test('SplitHostPort', () => {
    assert.deepEqual(splitHostPort('tasks.am:9094'), { host: 'tasks.am', port: '9094' });
    assert.deepEqual(splitHostPort('[::1]:9094'), { host: '::1', port: '9094' });
    assert.deepEqual(splitHostPort('am:'), { host: 'am', port: '' });
    assert.equal(splitHostPort('tasks.am'), undefined);
    assert.equal(splitHostPort('::1:9094'), undefined);
  });
  test('ParseIP', () => {
    assert.ok(isIpAddress('10.0.1.5'));
    assert.ok(isIpAddress('fe80::1'));
    assert.ok(!isIpAddress('alertmanager'));
    assert.ok(!isIpAddress('10.0.01.5'));
  });
});
