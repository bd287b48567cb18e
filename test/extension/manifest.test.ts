// The extension manifest (package.json) and the files it names: what VS Code reads before any of
// our code runs, so mistakes here show only as a missing setting, icon or snippet.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';

const root = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

/** A snippet body with every placeholder at its default and every mirror filled the same way. */
function expandSnippet(body: string[]): string {
  let text = body.join('\n');
  const values = new Map<string, string>();
  // Innermost placeholders first, so `${3:$1}` sees $1 already expanded.
  for (let guard = 0; /\$\{\d+:[^{}]*\}/.test(text) && guard < 50; guard++) {
    text = text.replace(/\$\{(\d+):([^{}]*)\}/g, (_, n: string, value: string) => {
      const expanded = value.replace(/\$(\d+)/g, (m, k: string) => values.get(k) ?? m);
      values.set(n, expanded);
      return expanded;
    });
  }
  return text.replace(/\$(\d+)/g, (_, n: string) => values.get(n) ?? '');
}

describe('package.json contributes', () => {
  test('every setting has a description and a default', () => {
    const properties = contributes.configuration.properties as Record<string, Record<string, unknown>>;
    assert.ok(Object.keys(properties).length > 0);
    for (const [name, schema] of Object.entries(properties)) {
      assert.ok(name.startsWith('obsconf.'), `${name} is under obsconf.`);
      assert.ok(typeof (schema.markdownDescription ?? schema.description) === 'string', `${name} has a description`);
      assert.ok('default' in schema, `${name} has a default`);
    }
  });

  test('settings that name a program to run are restricted in untrusted workspaces', () => {
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    const names = Object.keys(contributes.configuration.properties);
    const executables = names.filter((name) => /(^|\.)(path|executable|command)$/i.test(name) || /Path$/.test(name));
    assert.ok(executables.includes('obsconf.server.path'));
    for (const name of executables) assert.ok(restricted.includes(name), `${name} is in restrictedConfigurations`);
    for (const name of restricted) assert.ok(names.includes(name), `restricted ${name} is a setting`);
  });

  test('commands sit under the obsconf category, with icons where a menu shows them', () => {
    const commands = contributes.commands as { command: string; title: string; category: string; icon?: string }[];
    for (const c of commands) {
      assert.equal(c.category, 'obsconf', c.command);
      assert.ok(c.command.startsWith('obsconf.') && c.title.length > 0, c.command);
    }
    for (const [menu, entries] of Object.entries(contributes.menus ?? {}) as [string, { command: string }[]][]) {
      if (menu === 'commandPalette') continue;
      for (const entry of entries) {
        const command = commands.find((c) => c.command === entry.command);
        assert.ok(command, `${menu} names a contributed command: ${entry.command}`);
        assert.ok(command.icon, `${entry.command} has an icon for ${menu}`);
      }
    }
  });

  test('activation covers YAML, Python and the files obsconf knows', () => {
    const events: string[] = pkg.activationEvents;
    for (const e of ['onLanguage:yaml', 'onLanguage:python', 'workspaceContains:**/.obsconf.yaml']) assert.ok(events.includes(e), e);
    assert.ok(events.some((e) => e.startsWith('workspaceContains:') && e.includes('servicemonitor')));
  });

  test('engines.vscode is not newer than the VS Code the e2e tests run (1.139), and @types/vscode matches it', () => {
    const engine = /^\^?(\d+)\.(\d+)\./.exec(pkg.engines.vscode);
    assert.ok(engine, pkg.engines.vscode);
    assert.ok(Number(engine[1]) === 1 && Number(engine[2]) <= 139, pkg.engines.vscode);
    const types = JSON.parse(readFileSync(join(root, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')).version as string;
    assert.ok(Number(types.split('.')[1]) <= Number(engine[2]), `@types/vscode ${types} is not newer than engines.vscode ${pkg.engines.vscode}`);
  });

  test('the walkthrough steps name files and commands that exist', () => {
    const own = new Set((contributes.commands as { command: string }[]).map((c) => c.command));
    for (const walkthrough of contributes.walkthroughs) {
      assert.ok(walkthrough.steps.length >= 2);
      for (const step of walkthrough.steps) {
        const media = step.media.markdown ?? step.media.image;
        assert.ok(existsSync(join(root, media)), `${step.id}: ${media}`);
        if (step.media.image) assert.ok(step.media.altText, `${step.id} has alt text`);
        for (const [, command] of (step.description as string).matchAll(/\(command:([\w.]+)\)/g)) {
          assert.ok(own.has(command) || /^(workbench|editor)\./.test(command), `${step.id} links to ${command}`);
        }
      }
    }
  });
});

describe('snippets', () => {
  for (const { language, path } of contributes.snippets as { language: string; path: string }[]) {
    const snippets = JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, { prefix: string[]; body: string[]; description: string }>;

    test(`${path}: every ${language} snippet has prefixes, a description and a body that expands cleanly`, () => {
      assert.ok(Object.keys(snippets).length > 0);
      for (const [name, snippet] of Object.entries(snippets)) {
        assert.ok(snippet.prefix.length > 0 && snippet.description.length > 0, name);
        const text = expandSnippet(snippet.body);
        assert.doesNotMatch(text, /\$\{|\$\d/, `${name}: placeholders left after expansion`);
        assert.doesNotMatch(text, /\t/, `${name}: no tabs`);
        if (language === 'yaml') assert.doesNotThrow(() => parse(text), `${name} expands to valid YAML:\n${text}`);
      }
    });
  }

  test('the ServiceMonitor snippet expands to one endpoint per numbered port', () => {
    const yaml = JSON.parse(readFileSync(join(root, 'snippets', 'yaml.json'), 'utf8'));
    const monitor = parse(expandSnippet(yaml.ServiceMonitor.body));
    assert.equal(monitor.apiVersion, 'monitoring.coreos.com/v1');
    assert.equal(monitor.kind, 'ServiceMonitor');
    assert.deepEqual(
      monitor.spec.endpoints.map((e: { port: string }) => e.port),
      ['metrics-1', 'metrics-2', 'metrics-3'],
    );
    assert.equal(monitor.spec.selector.matchLabels['app.kubernetes.io/name'], monitor.metadata.name);
  });
});
