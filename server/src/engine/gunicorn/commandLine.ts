/**
 * gunicorn command lines wherever they are written (a Dockerfile CMD, a
 * Procfile, a Kubernetes command/args, GUNICORN_CMD_ARGS): words with their
 * offsets, the gunicorn invocation among them (`sh -c "…"` and
 * `python -m gunicorn` included), and the flags obsconf cares about, with
 * gunicorn's own spellings (`config.py`: `-w/--workers`, `-c/--config`,
 * `--chdir`, `--preload`).
 */

export interface Word {
  text: string;
  /** Offsets of the word in the text it came from (quotes included). */
  from: number;
  to: number;
}

const SEPARATORS = new Set(['&&', '||', ';', '|', '&']);
const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|dash|ash)$/;

/** Splits a shell command into words (quotes and backslashes as a POSIX shell reads them; `;`, `&&`, `|` as their own words). */
export function shellWords(text: string, base = 0): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) break;
    const op = /^(?:&&|\|\||;|\||&)/.exec(text.slice(i));
    if (op) {
      words.push({ text: op[0], from: base + i, to: base + i + op[0].length });
      i += op[0].length;
      continue;
    }
    const start = i;
    let out = '';
    while (i < text.length && !/[\s;&|]/.test(text[i])) {
      const ch = text[i];
      if (ch === "'") {
        const end = text.indexOf("'", i + 1);
        out += text.slice(i + 1, end < 0 ? text.length : end);
        i = end < 0 ? text.length : end + 1;
      } else if (ch === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) {
            if (text[i + 1] !== '\n') out += text[i + 1];
            i += 2;
          } else out += text[i++];
        }
        i++;
      } else if (ch === '\\' && i + 1 < text.length) {
        if (text[i + 1] !== '\n') out += text[i + 1];
        i += 2;
      } else {
        out += ch;
        i++;
      }
    }
    words.push({ text: out, from: base + start, to: base + Math.min(i, text.length) });
  }
  return words;
}

/** Where `sh -c "<script>"` puts its script: the words of the script, located in the original text. */
function expandShell(words: Word[], source: string, sourceBase: number): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    out.push(w);
    const flag = words[i + 1];
    const script = words[i + 2];
    if (SHELLS.test(w.text) && flag && /^-[a-z]*c[a-z]*$/.test(flag.text) && script) {
      out.push(flag);
      // The script's text sits between its quotes in the original text when it was written quoted.
      const raw = source.slice(script.from - sourceBase, script.to - sourceBase);
      const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0];
      const inner = quoted ? shellWords(raw.slice(1, -1), script.from + 1) : [{ ...script }];
      out.push(...(quoted ? inner : shellWords(script.text, script.from)));
      i += 2;
    }
  }
  return out;
}

/** Words of a command written as one shell string, `sh -c` scripts expanded. */
export function commandWords(text: string, base = 0): Word[] {
  return expandShell(shellWords(text, base), text, base);
}

/** Words of a command given as a list (exec form), `sh -c` scripts expanded. */
export function listWords(items: Word[], sourceText: (w: Word) => string): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < items.length; i++) {
    const w = items[i];
    out.push(w);
    if (SHELLS.test(w.text) && items[i + 1] && /^-[a-z]*c[a-z]*$/.test(items[i + 1].text) && items[i + 2]) {
      out.push(items[i + 1]);
      const script = items[i + 2];
      // In a list the script is one string: split it like the shell will, offsets inside its quotes.
      const raw = sourceText(script);
      const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'");
      out.push(...shellWords(script.text, script.from + (quoted ? 1 : 0)).map((x) => (quoted && raw.includes('\\') ? { ...x, from: script.from, to: script.to } : x)));
      i += 2;
    }
  }
  return out;
}

export interface GunicornFlag {
  /** The flag word (and its value word, when separate). */
  from: number;
  to: number;
  value?: string;
  /** Where the value is. */
  valueFrom?: number;
  valueTo?: number;
}

export interface GunicornInvocation {
  /** The `gunicorn` word (or `python -m gunicorn`). */
  at: Word;
  args: Word[];
  workers?: GunicornFlag;
  config?: GunicornFlag;
  chdir?: GunicornFlag;
  preload?: GunicornFlag;
  /** The WSGI application (`proj.wsgi:application`), the first positional argument. */
  app?: Word;
}

/** Options of gunicorn that take a value (so that their values are not taken for the application). */
const VALUE_OPTIONS = new Set([
  '-c', '--config', '-b', '--bind', '--backlog', '-w', '--workers', '-k', '--worker-class', '--threads', '--worker-connections', '--max-requests',
  '--max-requests-jitter', '-t', '--timeout', '--graceful-timeout', '--keep-alive', '--limit-request-line', '--limit-request-fields',
  '--limit-request-field_size', '--chdir', '--log-level', '--error-logfile', '--log-file', '--access-logfile', '--access-logformat', '--log-config',
  '--log-config-json', '--log-syslog-to', '--log-syslog-prefix', '--log-syslog-facility', '-n', '--name', '--pythonpath', '--paste', '--paster',
  '-p', '--pid', '--worker-tmp-dir', '-u', '--user', '-g', '--group', '-m', '--umask', '-e', '--env', '--forwarded-allow-ips', '--proxy-allow-from',
  '--proxy-protocol', '--keyfile', '--certfile', '--ssl-version', '--cert-reqs', '--ca-certs', '--ciphers', '--statsd-host', '--statsd-prefix',
  '--dogstatsd-tags', '--reload-engine', '--reload-extra-file', '--paste-global', '--header-map', '--forwarder-headers',
]);

/** Finds gunicorn's invocation among words and reads its flags; undefined when no word runs gunicorn. */
export function findGunicorn(words: Word[]): GunicornInvocation | undefined {
  let start = -1;
  for (let i = 0; i < words.length; i++) {
    const base = words[i].text.split('/').pop()!;
    if (base === 'gunicorn') {
      start = i;
      break;
    }
    if (/^python[\d.]*$/.test(base) && words[i + 1]?.text === '-m' && words[i + 2]?.text === 'gunicorn') {
      start = i + 2;
      break;
    }
  }
  if (start < 0) return undefined;
  const args: Word[] = [];
  for (let i = start + 1; i < words.length && !SEPARATORS.has(words[i].text); i++) args.push(words[i]);
  return { at: words[start], args, ...readFlags(args) };
}

/** The flags among gunicorn's arguments (also used for GUNICORN_CMD_ARGS). The last one of each kind wins, as with argparse. */
export function readFlags(args: Word[]): Omit<GunicornInvocation, 'at' | 'args'> {
  const out: Omit<GunicornInvocation, 'at' | 'args'> = {};
  const take = (i: number, short: string, long: string): { flag: GunicornFlag; skip: number } | undefined => {
    const w = args[i];
    const t = w.text;
    if (t === short || t === long) {
      const v = args[i + 1];
      if (!v) return { flag: { from: w.from, to: w.to }, skip: 0 };
      return { flag: { from: w.from, to: v.to, value: v.text, valueFrom: v.from, valueTo: v.to }, skip: 1 };
    }
    if (t.startsWith(long + '=')) return { flag: { from: w.from, to: w.to, value: t.slice(long.length + 1), valueFrom: w.from + long.length + 1, valueTo: w.to }, skip: 0 };
    if (short && t.startsWith(short) && t.length > short.length && !t.startsWith('--')) {
      const value = t.slice(short.length).replace(/^=/, '');
      return { flag: { from: w.from, to: w.to, value, valueFrom: w.to - value.length, valueTo: w.to }, skip: 0 };
    }
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const t = args[i].text;
    const workers = take(i, '-w', '--workers');
    if (workers) {
      out.workers = workers.flag;
      i += workers.skip;
      continue;
    }
    const config = take(i, '-c', '--config');
    if (config) {
      out.config = config.flag;
      i += config.skip;
      continue;
    }
    const chdir = take(i, '', '--chdir');
    if (chdir) {
      out.chdir = chdir.flag;
      i += chdir.skip;
      continue;
    }
    if (t === '--preload') {
      out.preload = { from: args[i].from, to: args[i].to };
      continue;
    }
    if (t.startsWith('-')) {
      if (VALUE_OPTIONS.has(t)) i++;
      continue;
    }
    if (!out.app) out.app = args[i];
  }
  return out;
}

/** `$WEB_CONCURRENCY`, `${WEB_CONCURRENCY}` (shell) or `$(WEB_CONCURRENCY)` (Kubernetes): the value is the variable itself. */
export function isVariableReference(value: string, name: string): boolean {
  return value === `$${name}` || value === `\${${name}}` || value === `$(${name})` || new RegExp(`^\\$\\{${name}:?-[^}]*\\}$`).test(value);
}
