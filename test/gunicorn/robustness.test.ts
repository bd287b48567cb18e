/**
 * Python files as editors see them: half-typed, with syntax errors, f-strings,
 * huge, or with bytes that are not UTF-8. The gunicorn and Django rules must
 * never crash (no obsconf/internal-error), never hang, and never report inside
 * a region the parser could not read.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Linter } from '../../server/src/engine/linter';
import type { Finding } from '../../server/src/engine/rules/types';
import { PythonSource } from '../../server/src/engine/python/source';
import { touchesError } from '../../server/src/engine/python/dictEval';
import { LineIndex } from '../../server/src/engine/documents/lineIndex';

const CORPUS = join(new URL('.', import.meta.url).pathname, 'corpus');
const OURS = /^(gunicorn|django)\//;

function lint(files: Record<string, string>): Map<string, Finding[]> {
  const linter = new Linter();
  for (const [name, text] of Object.entries(files)) linter.setFile(`file:///w/${name}`, text, 'disk');
  linter.run();
  return new Map(Object.keys(files).map((name) => [name, linter.findingsFor(`file:///w/${name}`)]));
}

/**
 * Findings of our rules that touch a syntax error of the file. An empty error
 * node (where the parser cut a statement off; one character wide in the tree)
 * at the very start of a finding is the boundary before it, not inside it.
 */
function inBrokenRegion(name: string, text: string, findings: Finding[]): Finding[] {
  const source = new PythonSource(`file:///w/${name}`, text);
  const lines = new LineIndex(text);
  return findings.filter((f) => {
    if (!OURS.test(f.ruleId) || !('range' in f.at)) return false;
    return touchesError(source.module.errors, { from: lines.offsetAt(f.at.range.start), to: lines.offsetAt(f.at.range.end) });
  });
}

function assertHealthy(name: string, text: string, findings: Finding[]): void {
  const crashed = findings.filter((f) => f.ruleId === 'obsconf/internal-error');
  assert.deepEqual(crashed.map((f) => f.message), [], `${name}: a rule crashed`);
  const bad = inBrokenRegion(name, text, findings);
  assert.deepEqual(bad.map((f) => `${f.ruleId}: ${f.message}`), [], `${name}: findings inside a syntax error`);
}

describe('gunicorn and Django rules on broken Python', () => {
  test('every prefix of every corpus file (a file being typed)', () => {
    let runs = 0;
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.py'))) {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      const step = Math.max(1, Math.floor(text.length / 25));
      for (let cut = 0; cut <= text.length; cut += step) {
        const prefix = text.slice(0, cut);
        const findings = lint({ 'gunicorn.conf.py': prefix }).get('gunicorn.conf.py')!;
        assertHealthy(`${file}[:${cut}]`, prefix, findings);
        runs++;
      }
    }
    assert.ok(runs > 500);
  });

  test('a syntax error inside logconfig_dict: no logconfig finding, the rest of the file still checked', () => {
    const text = [
      'logconfig_dict = {',
      '    "version": 1,',
      '    "handlers": {',
      '        "console": {"class": "StreamHandler" "level": ,',
      '    },',
      '}',
      '',
      'workers = 4',
      '',
    ].join('\n');
    const findings = lint({ 'gunicorn.conf.py': text }).get('gunicorn.conf.py')!;
    assertHealthy('broken dict', text, findings);
    assert.deepEqual(findings.filter((f) => f.ruleId.startsWith('gunicorn/logconfig-')).map((f) => f.message), []);
    assert.ok(findings.some((f) => f.ruleId === 'gunicorn/workers-override'), 'the statement after the broken one is still checked');
  });

  test('a syntax error elsewhere leaves the logconfig_dict checks working', () => {
    const text = 'def broken(:\n    pass\n\nlogconfig_dict = {"version": 2}\n';
    const findings = lint({ 'gunicorn.conf.py': text }).get('gunicorn.conf.py')!;
    assertHealthy('broken def', text, findings);
    assert.ok(findings.some((f) => f.ruleId === 'gunicorn/logconfig-invalid' && /version 1/.test(f.message)));
  });

  test('f-strings: known parts are evaluated, unknown ones are not guessed at', () => {
    const known = 'APP = "shop"\nlogconfig_dict = {"version": 1, "formatters": {"generic": {"format": f"{APP} plain text"}}}\n';
    const knownFindings = lint({ 'gunicorn.conf.py': known }).get('gunicorn.conf.py')!;
    assert.ok(knownFindings.some((f) => f.ruleId === 'gunicorn/logconfig-invalid' && /Invalid format 'shop plain text'/.test(f.message)));
    const unknown = 'import socket\nlogconfig_dict = {"version": 1, "formatters": {"generic": {"format": f"{socket.gethostname()} {x!r:>{width}} plain"}}}\n';
    const unknownFindings = lint({ 'gunicorn.conf.py': unknown }).get('gunicorn.conf.py')!;
    assertHealthy('f-string', unknown, unknownFindings);
    assert.deepEqual(unknownFindings.filter((f) => f.ruleId === 'gunicorn/logconfig-invalid'), []);
  });

  test('bytes that are not UTF-8 (read as U+FFFD) in comments and strings', () => {
    const text = '# caf\uFFFD\uFFFD\nAPP = "na\uFFFDve"\nlogconfig_dict = {"version": 1, "handlers": {"console": {"class": "StreamHandler"}}}\n';
    const findings = lint({ 'gunicorn.conf.py': text }).get('gunicorn.conf.py')!;
    assertHealthy('replacement characters', text, findings);
    assert.ok(findings.some((f) => f.ruleId === 'gunicorn/logconfig-handler-class'));
  });

  test('a huge config file and a huge settings file are checked in bounded time', () => {
    const handlers = Array.from({ length: 3000 }, (_, i) => `        "h${i}": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"},`).join('\n');
    const filler = Array.from({ length: 60_000 }, (_, i) => `VALUE_${i} = ${i} + len("x" * ${i % 7})`).join('\n');
    const config = `${filler}\nlogconfig_dict = {\n    "version": 1,\n    "handlers": {\n${handlers}\n        "console": {"class": "StreamHandlr"},\n        "error_console": {"class": "logging.StreamHandler"},\n    },\n}\n`;
    const settings = `import os\n${filler}\nPROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(8001, 8005)\nstart = int(os.environ.get("METRICS_START_PORT"))\n`;
    assert.ok(config.length > 2_000_000);
    const started = Date.now();
    const results = lint({ 'gunicorn.conf.py': config, 'proj/settings.py': settings });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 60_000, `took ${elapsed} ms`);
    assertHealthy('huge config', config, results.get('gunicorn.conf.py')!);
    assert.ok(results.get('gunicorn.conf.py')!.some((f) => f.ruleId === 'gunicorn/logconfig-handler-class'));
    assert.ok(results.get('proj/settings.py')!.some((f) => f.ruleId === 'django/metrics-env-default'));
  });

  test('Django settings and urls with syntax errors', () => {
    const settings = 'import os\nstart_port = int(os.environ.get("METRICS_START_PORT")\nPROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(start_port, \n';
    const urls = 'urlpatterns = [path("", include("django_prometheus.urls")\n';
    const results = lint({ 'proj/settings.py': settings, 'proj/urls.py': urls, 'manage.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings"' });
    for (const [name, text] of [['proj/settings.py', settings], ['proj/urls.py', urls]] as const) assertHealthy(name, text, results.get(name)!);
  });

  test('Dockerfiles and Procfiles with odd content', () => {
    const results = lint({
      Dockerfile: 'FROM x\nCMD ["gunicorn", "--workers", \nENTRYPOINT [\nENV\nWORKDIR\nCMD gunicorn "unterminated --workers 3\n',
      Procfile: ':\nweb:\n: gunicorn\nweb: gunicorn -w\nworker: gunicorn --workers=\n',
      'k8s/app.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: i\n      env:\n        - name: WEB_CONCURRENCY\n          value: "2"\n',
    });
    for (const findings of results.values()) assert.deepEqual(findings.filter((f) => f.ruleId === 'obsconf/internal-error'), []);
  });
});
