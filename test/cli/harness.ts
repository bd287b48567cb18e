// Helpers for the CLI tests: run the built CLI, expand the placeholders of
// expected outputs, validate SARIF against the official schema.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
export const VERSION: string = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;
/** Where the built CLI says the rule docs are (docs/rules beside dist/). */
export const DOCS_BASE = pathToFileURL(path.join(REPO_ROOT, 'docs', 'rules')).toString();

/** `npm test` builds first; a test file run on its own builds when dist/cli.js is missing. */
export function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}${result.stderr}`);
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Splits a `cmd` line into words; '…' and "…" quote, as in a shell (no escapes). */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const match of line.matchAll(re)) words.push(match[1] ?? match[2] ?? match[3]);
  return words;
}

/**
 * Expected outputs name machine-dependent values by placeholder:
 * {{VERSION}} the package version, {{DOCS}} the rule docs base URL,
 * {{CWD}} the scenario folder as a file: URI (no trailing slash).
 */
export function expand(expected: string, cwd: string): string {
  return expected
    .replaceAll('{{VERSION}}', VERSION)
    .replaceAll('{{DOCS}}', DOCS_BASE)
    .replaceAll('{{CWD}}', pathToFileURL(cwd).toString());
}

const SCHEMA_FILE = path.join(__dirname, 'sarif-schema-2.1.0.json');
/** See sarif-schema-2.1.0.PROVENANCE.md. */
const SCHEMA_SHA256 = '10666d46649b52e262001e70d43e6c52f7c0279ca3dbdfe9a7dc2e4071556454';

let validator: ValidateFunction | undefined;

/**
 * The official SARIF 2.1.0 schema, compiled with ajv (draft-07). Its three
 * string formats are checked too: `uri` must be an absolute URI, `uri-reference`
 * a URI or relative reference made of RFC 3986 characters, `date-time` RFC 3339.
 */
export function sarifValidator(): ValidateFunction {
  if (validator) return validator;
  const text = readFileSync(SCHEMA_FILE);
  const digest = createHash('sha256').update(text).digest('hex');
  if (digest !== SCHEMA_SHA256) throw new Error(`${SCHEMA_FILE} was modified (sha256 ${digest}); restore the copy from the npm tarball`);
  const ajv = new Ajv({ allErrors: true, strict: false });
  const rfc3986 = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
  ajv.addFormat('uri', (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && rfc3986.test(value) && canParse(value));
  ajv.addFormat('uri-reference', (value: string) => rfc3986.test(value) && canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/);
  validator = ajv.compile(JSON.parse(text.toString('utf8')));
  return validator;
}

function canParse(value: string, base?: string): boolean {
  try {
    new URL(value, base);
    return true;
  } catch {
    return false;
  }
}

export function sarifErrors(log: unknown): string[] {
  const validate = sarifValidator();
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
