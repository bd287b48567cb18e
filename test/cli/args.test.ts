import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseArgs } from '../../server/src/cli/args';

const check = (...argv: string[]) => {
  const command = parseArgs(['check', ...argv]);
  assert.equal(command.kind, 'check', JSON.stringify(command));
  return (command as Extract<typeof command, { kind: 'check' }>).options;
};
const usageError = (...argv: string[]) => {
  const command = parseArgs(argv);
  assert.equal(command.kind, 'usage-error', JSON.stringify(command));
  return (command as Extract<typeof command, { kind: 'usage-error' }>).message;
};

describe('parseArgs', () => {
  test('defaults: the current folder, text, config looked up', () => {
    assert.deepEqual(check(), { paths: ['.'], format: 'text', noConfig: false });
  });

  test('paths and options in any order, both value spellings', () => {
    assert.deepEqual(check('a', '--format', 'json', 'b', '--config=ci/o.yaml', '--max-warnings=3'), {
      paths: ['a', 'b'],
      format: 'json',
      config: 'ci/o.yaml',
      noConfig: false,
      maxWarnings: 3,
    });
    assert.equal(check('-f', 'sarif').format, 'sarif');
    assert.equal(check('-c', 'x.yaml').config, 'x.yaml');
  });

  test('-- ends the options', () => {
    assert.deepEqual(check('--', '--format').paths, ['--format']);
  });

  test('help and version, anywhere', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['check', '--help'], ['check', 'a', '-h']]) assert.equal(parseArgs(argv).kind, 'help');
    for (const argv of [['--version'], ['-V'], ['check', '--version']]) assert.equal(parseArgs(argv).kind, 'version');
  });

  test('usage errors say what is wrong', () => {
    assert.match(usageError(), /missing command/);
    assert.match(usageError('lint'), /unknown command "lint"/);
    assert.match(usageError('--bogus'), /unknown option --bogus/);
    assert.match(usageError('check', '--bogus=1'), /unknown option --bogus/);
    assert.match(usageError('check', '--format', 'xml'), /unknown format "xml"/);
    assert.match(usageError('check', '--format'), /--format needs a value/);
    assert.match(usageError('check', '--format', '--config', 'x'), /--format needs a value/);
    assert.match(usageError('check', '--config='), /needs a file name/);
    assert.match(usageError('check', '--max-warnings', '-1'), /whole number/);
    assert.match(usageError('check', '--max-warnings', '1.5'), /whole number/);
    assert.match(usageError('check', '--config', 'a', '--no-config'), /cannot be used together/);
  });
});
