/** The Python layer: the error-tolerant parse and the symbolic evaluator, case by case. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeModule } from '../../server/src/engine/collectors/analyze';
import { Evaluator } from '../../server/src/engine/python/evaluate';
import { parsePython } from '../../server/src/engine/python/parse';
import { PythonSource } from '../../server/src/engine/python/source';
import { renderTemplate, Value } from '../../server/src/engine/python/values';

/** Evaluates module-level code and returns the value bound to `result`. */
function evalResult(code: string, rows?: Record<string, Record<string, unknown>[]>): Value | undefined {
  const ev = new Evaluator({ rows: (model) => rows?.[model] });
  const scope = ev.loadModule(parsePython(code), 'test');
  return scope.vars.get('result');
}

const shown = (v: Value | undefined) => (v === undefined ? 'undefined' : v.t === 'str' ? v.v : renderTemplate(v));

test('string literals: prefixes, escapes, implicit concatenation, f-strings', () => {
  assert.equal(shown(evalResult(`result = 'a\\tb' "c" r'\\d'`)), 'a\tbc\\d');
  assert.equal(shown(evalResult(`x = 3\nresult = f"{x:03d}_{'q'!r}_{{lit}}"`)), "003_'q'_{lit}");
  assert.equal(shown(evalResult(`w = 5\nresult = f"{'ab':>{w}}|"`)), '   ab|');
  assert.equal(shown(evalResult(`result = '\\x41\\u00e9\\N'`)), 'Aé\\N');
});

test('formatting: %, str.format, join, string methods', () => {
  assert.equal(shown(evalResult(`result = '%s_%d_%.2f_%%' % ('a', 3.9, 1)`)), 'a_3_1.00_%');
  assert.equal(shown(evalResult(`result = '%(n)s-%(n)s' % {'n': 'x'}`)), 'x-x');
  assert.equal(shown(evalResult(`result = '{}_{k}_{0}'.format('a', k='b')`)), 'a_b_a');
  assert.equal(shown(evalResult(`result = '_'.join(('a', 'b')) + '-'.join(['c'])`)), 'a_bc');
  assert.equal(shown(evalResult(`result = ' A-b.C '.strip().lower().replace('-', '_').replace('.', '_')`)), 'a_b_c');
  assert.equal(shown(evalResult(`result = 'a,b,,c'.split(',', 2)[2]`)), ',c');
  assert.equal(shown(evalResult(`result = 'hello world'.title().center(13, '*')`)), '*Hello World*');
});

test('unknown values become templates that remember their transformations', () => {
  const code = `for c in Component.objects.all():\n    result = c.name.replace('-', '_').lower() + '_up'`;
  assert.equal(shown(evalResult(code)), "{c.name | '-'→'_' | lower}_up");
  assert.equal(shown(evalResult(`result = '%s_total' % thing.slug`)), '{thing.slug}_total');
});

test('loops over sample rows, filters, dicts, comprehensions', () => {
  const rows = { Component: [{ name: 'a-b', on: true }, { name: 'c', on: false }] };
  assert.equal(shown(evalResult(`result = ','.join(c.name for c in Component.objects.filter(on=True))`, rows)), 'a-b');
  assert.equal(shown(evalResult(`result = str(len([c for c in Component.objects.all()]))`, rows)), '2');
  assert.equal(shown(evalResult(`d = {}\nfor c in Component.objects.all():\n    d[c.name] = 1\nresult = '|'.join(sorted(d.keys()))`, rows)), 'a-b|c');
  assert.equal(shown(evalResult(`result = '|'.join(Component.objects.values_list('name', flat=True))`, rows)), 'a-b|c');
});

test('module names, functions, classes, methods', () => {
  const code = `PREFIX = 'app'\ndef name(x, sep='_'):\n    return PREFIX + sep + x\nclass K:\n    def __init__(self, s):\n        self.s = s\n    def get(self):\n        return name(self.s)\nresult = K('up').get()`;
  assert.equal(shown(evalResult(code)), 'app_up');
});

test('runaway code ends within the budget instead of hanging', () => {
  const started = Date.now();
  const ev = new Evaluator({}, 50_000);
  ev.loadModule(parsePython('x = 0\nwhile True:\n    x += 1\n'), 'loop');
  const rec = new Evaluator({}, 50_000);
  rec.loadModule(parsePython('def f(n):\n    return f(n + 1)\nresult = f(0)\n'), 'rec');
  assert.ok(Date.now() - started < 5000);
  assert.ok(ev.incomplete);
});

test('syntax errors, odd bytes and huge files: no exception, and the rest of the file still counts', () => {
  const broken = `from prometheus_client.core import GaugeMetricFamily\nclass C:\n    def collect(self):\n        yield GaugeMetricFamily('ok_total', 'x', value=1)\n        yield GaugeMetricFamily('bad-name', 'x', value=(1,\n    def other(:\n`;
  const module = parsePython(broken);
  assert.ok(module.errors.length > 0);
  const source = new PythonSource('file:///b.py', broken);
  const analysis = analyzeModule(source);
  assert.equal(analysis.collectors.length, 1);
  for (const text of ['\uFFFD\u0000\uD800 = "\\', 'f"{', "'''", 'class (:', '\t\tx = [[[[[[[[', 'def f(' + 'a,'.repeat(5000)]) {
    assert.doesNotThrow(() => analyzeModule(new PythonSource('file:///x.py', text)));
  }
  const huge = 'from prometheus_client.core import GaugeMetricFamily\n' + Array.from({ length: 3000 }, (_, i) => `class C${i}:\n    def collect(self):\n        yield GaugeMetricFamily('m${i}', 'd', value=${i})\n`).join('');
  const started = Date.now();
  const big = analyzeModule(new PythonSource('file:///big.py', huge));
  assert.equal(big.collectors.length, 3000);
  assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
});
