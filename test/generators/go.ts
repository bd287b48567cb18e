import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

let built: string | undefined;

/**
 * Builds helmrender (Go text/template + the sprig functions Helm uses) once
 * per test process. Go and sprig come from Debian (golang-go,
 * golang-github-masterminds-sprig-dev), installed by .ci/run.
 */
export function helmRenderer(): (template: string, values: unknown) => string {
  if (!built) {
    if (spawnSync('go', ['version']).error) throw new Error('Go is needed to render Helm templates: apt-get install golang-go golang-github-masterminds-sprig-dev');
    const work = mkdtempSync(path.join(tmpdir(), 'obsconf-helmrender-'));
    built = path.join(work, 'helmrender');
    execFileSync('go', ['build', '-o', built, '.'], {
      cwd: path.join(__dirname, 'helmrender'),
      env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: path.join(work, 'gocache'), GOFLAGS: '' },
      stdio: 'pipe',
    });
  }
  const binary = built;
  return (template, values) => {
    const dir = path.dirname(binary);
    writeFileSync(path.join(dir, 'template.yaml'), template);
    writeFileSync(path.join(dir, 'values.json'), JSON.stringify(values));
    return execFileSync(binary, [path.join(dir, 'template.yaml'), path.join(dir, 'values.json')], { encoding: 'utf8' });
  };
}
