/**
 * Which Django settings module a container runs with, and django-prometheus'
 * export settings in it: DJANGO_SETTINGS_MODULE (container env, Dockerfile
 * ENV), the default of the WSGI module gunicorn loads, a star import of a base
 * module, and ranges evaluated with the container's environment.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { settingsFor } from '../../server/src/engine/django/locate';
import { findSetting, RANGE, settingValue, moduleFile } from '../../server/src/engine/django/settings';
import { envReadsWithoutDefault } from '../../server/src/engine/django/envDefault';
import { prometheusUrlIncludes } from '../../server/src/engine/django/urls';
import { gunicornProcess } from '../../server/src/engine/gunicorn/process';
import { Linter } from '../../server/src/engine/linter';
import type { Workload } from '../../server/src/engine/model/kubernetes';
import type { WorkspaceQueries } from '../../server/src/engine/rules/types';
import { rangeLength } from '../../server/src/engine/python/dictEval';

const ROOT = 'file:///repo';

function workspace(files: Record<string, string>) {
  const linter = new Linter();
  for (const [name, text] of Object.entries(files)) linter.setFile(`${ROOT}/${name}`, text, 'disk');
  const lookup = (pattern: RegExp) => [...linter.index.files.values()].filter((f) => pattern.test(f.uri.slice(f.uri.lastIndexOf('/') + 1)));
  const queries = { filesNamed: lookup } as unknown as WorkspaceQueries;
  const file = (name: string) => linter.index.files.get(`${ROOT}/${name}`)!;
  const workload = () => file('k8s/app.yaml').docs.flatMap((d) => d.objects as Workload[]).find((o) => o.category === 'workload')!;
  return { linter, lookup, queries, file, workload };
}

const pod = (extra: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: django\n      image: app\n${extra}`;
const WSGI = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.prod")\n';

describe('settings module of a container', () => {
  test('DJANGO_SETTINGS_MODULE in the container env wins', () => {
    const w = workspace({
      'k8s/app.yaml': pod('      env:\n        - name: DJANGO_SETTINGS_MODULE\n          value: shop.settings.staging\n'),
      'shop/settings/staging.py': 'X = 1\n',
      'shop/settings/prod.py': 'X = 2\n',
      'shop/wsgi.py': WSGI,
    });
    const workload = w.workload();
    const process = gunicornProcess(workload.containers[0], workload.doc.file.uri, workload.doc.text, w.queries)!;
    const choice = settingsFor(process, workload.doc.file.uri, w.lookup)!;
    assert.equal(choice.file.uri, `${ROOT}/shop/settings/staging.py`);
    assert.match(choice.why, /container's environment/);
  });

  test('else the default of the WSGI module gunicorn loads', () => {
    const w = workspace({
      'k8s/app.yaml': pod('      args: ["gunicorn", "shop.wsgi:application"]\n'),
      'shop/settings/prod.py': 'X = 2\n',
      'shop/wsgi.py': WSGI,
      'blog/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "blog.settings")\n',
      'blog/settings.py': 'X = 3\n',
    });
    const workload = w.workload();
    const process = gunicornProcess(workload.containers[0], workload.doc.file.uri, workload.doc.text, w.queries)!;
    const choice = settingsFor(process, workload.doc.file.uri, w.lookup)!;
    assert.equal(choice.file.uri, `${ROOT}/shop/settings/prod.py`);
    assert.match(choice.why, /shop\/wsgi\.py, the module gunicorn loads/);
  });

  test('a package __init__.py and relative star imports are followed', () => {
    const w = workspace({
      'shop/settings/__init__.py': 'from .base import *\nDEBUG = False\n',
      'shop/settings/base.py': 'import os\nstart = int(os.environ.get("METRICS_START_PORT", "9001"))\nPROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(start, start + int(os.environ.get("WEB_CONCURRENCY", "1")))\n',
    });
    const settings = moduleFile(w.lookup, 'shop.settings')!;
    assert.equal(settings.uri, `${ROOT}/shop/settings/__init__.py`);
    const range = findSetting(settings, RANGE, w.lookup)!;
    assert.equal(range.file.uri, `${ROOT}/shop/settings/base.py`);
    const env = new Map([['METRICS_START_PORT', '5001'], ['WEB_CONCURRENCY', '4']]);
    const value = settingValue(range, (n) => env.get(n));
    assert.equal(value.k, 'range');
    assert.equal(value.k === 'range' && rangeLength(value), 4);
    assert.equal(value.k === 'range' && value.start, 5001);
    const unset = settingValue(range, () => undefined);
    assert.equal(unset.k === 'range' && unset.start, 9001);
    const unknown = settingValue(range, () => null);
    assert.equal(unknown.k, 'unknown');
  });
});

describe('env reads and URL includes', () => {
  test('only import-time int() reads of the seed variables without a default', () => {
    const w = workspace({
      's.py': 'import os\nfrom os import getenv\nA = int(os.environ.get("METRICS_START_PORT"))\nB = int(getenv("WEB_CONCURRENCY"))\nC = int(os.environ.get("OTHER"))\nD = int(os.environ.get("METRICS_START_PORT", 1))\nif True:\n    E = int(os.environ["WEB_CONCURRENCY"])\ndef f():\n    return int(os.environ.get("METRICS_START_PORT"))\n',
    });
    const reads = envReadsWithoutDefault(w.file('s.py'));
    assert.deepEqual(reads.map((r) => [r.variable, r.form]), [['METRICS_START_PORT', 'get'], ['WEB_CONCURRENCY', 'get'], ['WEB_CONCURRENCY', 'item']]);
    assert.equal(reads[2].edit.newText, 'os.environ.get("WEB_CONCURRENCY", "1")');
  });

  test('include("django_prometheus.urls") in path(), url() and re_path()', () => {
    const w = workspace({
      'urls.py': 'from django.conf.urls import url\nfrom django.urls import include, path, re_path\nurlpatterns = [\n    path("", include("django_prometheus.urls")),\n    url("", include("django_prometheus.urls")),\n    re_path(r"^m/", include("other.urls")),\n]\n',
    });
    assert.equal(prometheusUrlIncludes(w.file('urls.py')).length, 2);
  });
});
