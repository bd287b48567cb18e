/**
 * The effective worker count of a container: gunicorn's precedence (command
 * line > GUNICORN_CMD_ARGS > config file > WEB_CONCURRENCY) over the
 * container's command/args and env, the image's Dockerfile, a Procfile and the
 * gunicorn config file the container loads, with the file that was taken named
 * in the source. And the incremental part: editing gunicorn.conf.py re-checks
 * the Kubernetes documents whose worker count it sets.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Linter } from '../../server/src/engine/linter';
import type { Workload } from '../../server/src/engine/model/kubernetes';
import type { WorkspaceQueries } from '../../server/src/engine/rules/types';
import { workerSetup } from '../../server/src/engine/rules/wiring/analysis';
import { effectiveWorkers } from '../../server/src/engine/gunicorn/effective';
import { WIRED_APP } from './manifests';

const ROOT = 'file:///repo';

function workspace(files: Record<string, string>): Linter {
  const linter = new Linter();
  for (const [name, text] of Object.entries(files)) linter.setFile(`${ROOT}/${name}`, text, 'disk');
  linter.run();
  return linter;
}

/** The file queries of a workspace, as the linter answers them (without tracking). */
function queries(linter: Linter): WorkspaceQueries {
  return {
    filesNamed: (pattern: RegExp) => [...linter.index.files.values()].filter((f) => pattern.test(f.uri.slice(f.uri.lastIndexOf('/') + 1))).sort((a, b) => a.uri.localeCompare(b.uri)),
  } as unknown as WorkspaceQueries;
}

function workloadIn(linter: Linter, name: string): Workload {
  const file = linter.index.files.get(`${ROOT}/${name}`)!;
  return file.docs.flatMap((d) => d.objects as Workload[]).find((o) => o.category === 'workload')!;
}

function deployment(container: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: django
          image: registry.example/shop:v1
${container
  .split('\n')
  .map((l) => `          ${l}`)
  .join('\n')}
`;
}

const ENV = 'env:\n  - name: WEB_CONCURRENCY\n    value: "2"\n  - name: METRICS_START_PORT\n    value: "5001"';

function setupOf(files: Record<string, string>, manifest = 'k8s/app.yaml') {
  const linter = workspace(files);
  const workload = workloadIn(linter, manifest);
  return workerSetup(workload.containers[0], workload.doc.text, queries(linter), workload)!;
}

describe('effective worker count', () => {
  test('WEB_CONCURRENCY alone', () => {
    const setup = setupOf({ 'k8s/app.yaml': deployment(ENV) });
    assert.equal(setup.workers, 2);
    assert.equal(setup.workersSource, 'WEB_CONCURRENCY');
  });

  test('workers = … in gunicorn.conf.py overrides WEB_CONCURRENCY, and says which file was taken', () => {
    const setup = setupOf({ 'k8s/app.yaml': deployment(ENV), 'gunicorn.conf.py': 'workers = 3\n' });
    assert.equal(setup.workers, 3);
    assert.match(setup.workersSource, /workers = 3 in gunicorn\.conf\.py/);
    assert.match(setup.workersSource, /no -c\/--config is given/);
    assert.match(setup.workersSource, /only gunicorn\.conf\.py in the workspace/);
    assert.equal(setup.workersAt?.uri, `${ROOT}/gunicorn.conf.py`);
  });

  test('a config that reads WEB_CONCURRENCY follows the container environment', () => {
    const setup = setupOf({ 'k8s/app.yaml': deployment(ENV), 'gunicorn.conf.py': 'import os\nworkers = int(os.environ.get("WEB_CONCURRENCY", 8))\n' });
    assert.equal(setup.workers, 2);
  });

  test('a computed worker count is not known', () => {
    const setup = setupOf({ 'k8s/app.yaml': deployment(ENV), 'gunicorn.conf.py': 'import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\n' });
    assert.equal(setup.workers, undefined);
    assert.match(setup.workersSource, /cpu_count/);
  });

  test('--workers in the container args wins over the config file', () => {
    const setup = setupOf({ 'k8s/app.yaml': deployment(`args: ["gunicorn", "--workers", "4", "shop.wsgi"]\n${ENV}`), 'gunicorn.conf.py': 'workers = 3\n' });
    assert.equal(setup.workers, 4);
  });

  test('GUNICORN_CMD_ARGS wins over the config file', () => {
    const setup = setupOf({
      'k8s/app.yaml': deployment(`${ENV}\n  - name: GUNICORN_CMD_ARGS\n    value: "--workers=5 --bind=0.0.0.0:8000"`),
      'gunicorn.conf.py': 'workers = 3\n',
    });
    assert.equal(setup.workers, 5);
  });

  test('-c in the container command picks the config by its path; python:module works too', () => {
    const files = {
      'config/gunicorn_prod.py': 'workers = 4\n',
      'other/gunicorn_prod.py': 'workers = 9\n',
      'gunicorn.conf.py': 'workers = 7\n',
    };
    const byPath = setupOf({ ...files, 'k8s/app.yaml': deployment(`command: ["gunicorn", "-c", "/app/config/gunicorn_prod.py", "shop.wsgi"]\n${ENV}`) });
    assert.equal(byPath.workers, 4);
    assert.match(byPath.workersSource, /-c \/app\/config\/gunicorn_prod\.py in the container command/);
    const byModule = setupOf({ ...files, 'k8s/app.yaml': deployment(`args: ["gunicorn", "--config=python:other.gunicorn_prod", "shop.wsgi"]\n${ENV}`) });
    assert.equal(byModule.workers, 9);
  });

  test('--workers in the Dockerfile CMD counts when the container sets no command or args', () => {
    const dockerfile = 'FROM python:3.11\nWORKDIR /app\nCMD ["gunicorn", "--workers", "6", "shop.wsgi"]\n';
    const fromImage = setupOf({ 'k8s/app.yaml': deployment(ENV), Dockerfile: dockerfile });
    assert.equal(fromImage.workers, 6);
    assert.match(fromImage.workersSource, /--workers 6 in the CMD of Dockerfile, the only Dockerfile in the workspace/);
    const replaced = setupOf({ 'k8s/app.yaml': deployment(`args: ["gunicorn", "shop.wsgi"]\n${ENV}`), Dockerfile: dockerfile });
    assert.equal(replaced.workers, 2, 'container args replace the CMD');
  });

  test('a shell-form CMD and sh -c scripts are read', () => {
    const setup = setupOf({ 'k8s/app.yaml': deployment(ENV), Dockerfile: 'FROM python:3.11\nCMD python manage.py migrate && \\\n    gunicorn -w 3 shop.wsgi\n' });
    assert.equal(setup.workers, 3);
    const sh = setupOf({ 'k8s/app.yaml': deployment(`command: ["sh", "-c", "python manage.py migrate && gunicorn --workers=5 shop.wsgi"]\n${ENV}`) });
    assert.equal(sh.workers, 5);
  });

  test('the nearest of several Dockerfiles, or none on a tie', () => {
    const near = setupOf({
      'shop/k8s/app.yaml': deployment(ENV),
      'shop/Dockerfile': 'FROM python\nCMD ["gunicorn", "-w", "3", "shop.wsgi"]\n',
      'blog/Dockerfile': 'FROM python\nCMD ["gunicorn", "-w", "9", "blog.wsgi"]\n',
    }, 'shop/k8s/app.yaml');
    assert.equal(near.workers, 3);
    assert.match(near.workersSource, /nearest to the manifest among 2/);
  });

  test('a Procfile web process (buildpack image) when there is no Dockerfile', () => {
    const setup = setupOf({ 'k8s/app.yaml': deployment(ENV), Procfile: 'release: python manage.py migrate\nweb: gunicorn shop.wsgi --workers 4\n' });
    assert.equal(setup.workers, 4);
    assert.match(setup.workersSource, /web process of Procfile/);
  });

  test('WEB_CONCURRENCY from the Dockerfile ENV when the container does not set it', () => {
    const setup = setupOf({
      'k8s/app.yaml': deployment('env:\n  - name: METRICS_START_PORT\n    value: "5001"'),
      Dockerfile: 'FROM python\nENV WEB_CONCURRENCY=3 DJANGO_SETTINGS_MODULE=shop.settings\nCMD ["gunicorn", "shop.wsgi"]\n',
    });
    assert.equal(setup.workers, 3);
  });

  test('effectiveWorkers without WEB_CONCURRENCY/METRICS_START_PORT: the command line, else one worker', () => {
    const linter = workspace({ 'k8s/app.yaml': deployment('args: ["gunicorn", "shop.wsgi"]'), 'gunicorn.conf.py': 'bind = ":8000"\n' });
    const workload = workloadIn(linter, 'k8s/app.yaml');
    assert.equal(effectiveWorkers(workload.containers[0], workload, queries(linter)).count, 1);
    const linter2 = workspace({ 'k8s/app.yaml': deployment('args: ["gunicorn", "-w", "$(WEB_CONCURRENCY)", "shop.wsgi"]\nenv:\n  - name: WEB_CONCURRENCY\n    value: "4"') });
    const w2 = workloadIn(linter2, 'k8s/app.yaml');
    assert.equal(effectiveWorkers(w2.containers[0], w2, queries(linter2)).count, 4);
  });
});

describe('a gunicorn.conf.py change re-checks the Kubernetes files it affects', () => {
  test('workers = 3 leaves worker 3 unscraped; back to 2 and the finding goes; the file removed, too', () => {
    const linter = new Linter();
    const manifest = `${ROOT}/k8s/app.yaml`;
    const config = `${ROOT}/gunicorn.conf.py`;
    linter.setFile(manifest, WIRED_APP, 'disk');
    linter.run();
    const wiring = () => linter.findingsFor(manifest).filter((f) => f.ruleId.startsWith('wiring/'));
    assert.deepEqual(wiring(), []);

    linter.setFile(config, 'bind = "0.0.0.0:8000"\nworkers = 3\n', 'editor', 1);
    const changed = linter.run();
    assert.ok(changed.has(manifest), 'the manifest is re-checked after the config changed');
    const unscraped = wiring().filter((f) => f.ruleId === 'wiring/worker-unscraped');
    assert.equal(unscraped.length, 1, wiring().map((f) => f.message).join('\n'));
    assert.match(unscraped[0].message, /Worker 3 of 3/);
    assert.ok(
      linter.findingsFor(config).some((f) => f.ruleId === 'gunicorn/workers-override'),
      'the override itself is warned about in the config file',
    );

    linter.setFile(config, 'bind = "0.0.0.0:8000"\nworkers = 2\n', 'editor', 2);
    linter.run();
    assert.deepEqual(wiring(), []);

    linter.setFile(config, 'bind = "0.0.0.0:8000"\nworkers = 1\n', 'editor', 3);
    linter.run();
    assert.ok(wiring().some((f) => f.ruleId === 'wiring/worker-port-extra'), 'one worker: metrics-2 is extra');

    linter.removeFile(config);
    linter.run();
    assert.deepEqual(wiring(), []);
  });

  test('an unrelated Python file does not re-check the manifest', () => {
    const linter = new Linter();
    const manifest = `${ROOT}/k8s/app.yaml`;
    linter.setFile(manifest, WIRED_APP, 'disk');
    linter.setFile(`${ROOT}/gunicorn.conf.py`, 'workers = 2\n', 'disk');
    linter.run();
    linter.setFile(`${ROOT}/shop/views.py`, 'def index(request):\n    pass\n', 'editor', 1);
    // The linter's queue of documents to re-check (private; read here to see that the edit did not touch the manifest).
    const dirty = (linter as unknown as { dirtyDocs: Set<{ file: { uri: string } }> }).dirtyDocs;
    assert.deepEqual([...dirty].map((d) => d.file.uri), []);
    linter.run();
    linter.setFile(`${ROOT}/gunicorn.conf.py`, 'workers = 3\n', 'editor', 1);
    assert.deepEqual([...dirty].map((d) => d.file.uri), [manifest], 'the config change queues the manifest');
  });
});
