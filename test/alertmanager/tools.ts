/**
 * External judges for the differential tests (amtool from Debian's
 * prometheus-alertmanager, promtool from prometheus; .ci/run installs both).
 * In CI (CI=true) a missing tool fails the test; elsewhere the test is skipped
 * with a message saying how to get it.
 */
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

export function findTool(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

/** The tool's path, or undefined after marking the test skipped (outside CI) or failing it (in CI). */
export function requireTool(t: TestContext, name: string, debianPackage: string): string | undefined {
  const path = findTool(name);
  if (path) return path;
  const message = `${name} not found; install it with: apt-get install ${debianPackage} (.ci/run does)`;
  if (process.env.CI === 'true') throw new Error(`${message}. CI must run the differential tests.`);
  t.skip(message);
  return undefined;
}

export function run(tool: string, args: string[], cwd?: string): { status: number; output: string } {
  const result = spawnSync(tool, args, { encoding: 'utf8', cwd, timeout: 60_000 });
  return { status: result.status ?? -1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}
