import { commandWords, listWords, Word } from './commandLine';

/**
 * What a Dockerfile's final stage gives the container gunicorn runs in: its
 * environment (`ENV`), working directory (`WORKDIR`) and command
 * (`ENTRYPOINT` + `CMD`, exec or shell form), with offsets for findings.
 */

export interface DockerCommand {
  instruction: 'CMD' | 'ENTRYPOINT';
  words: Word[];
  /** The instruction's arguments as written. */
  from: number;
  to: number;
}

export interface DockerImage {
  env: Map<string, { value: string; from: number; to: number }>;
  workdir?: string;
  entrypoint?: DockerCommand;
  cmd?: DockerCommand;
}

/** Whether a file name is a Dockerfile (`Dockerfile`, `Dockerfile.prod`, `app.dockerfile`, `Containerfile`). */
export function isDockerfileName(base: string): boolean {
  return /^(?:Dockerfile|Containerfile)(?:[.-][\w.-]+)?$/.test(base) || /\.(?:dockerfile|Dockerfile)$/.test(base);
}

interface Instruction {
  keyword: string;
  args: string;
  /** Offset of `args` in the file. */
  argsFrom: number;
}

/** Logical instructions: continuation lines (a trailing backslash) joined, comment lines dropped; offsets map back to the file. */
function instructions(text: string): { list: Instruction[]; map: (joined: Instruction, offset: number) => number } {
  const list: Instruction[] = [];
  const pieces = new Map<Instruction, { at: number; length: number; fileFrom: number }[]>();
  const lines = text.split('\n');
  let offset = 0;
  let current: { keyword: string; args: string; argsFrom: number; parts: { at: number; length: number; fileFrom: number }[] } | undefined;
  for (const rawLine of lines) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const line = rawLine.replace(/\r$/, '');
    if (current) {
      if (/^\s*#/.test(line)) continue;
      const cont = /\\\s*$/.test(line);
      const body = cont ? line.replace(/\\\s*$/, '') : line;
      current.parts.push({ at: current.args.length, length: body.length, fileFrom: lineStart });
      current.args += body;
      if (!cont) {
        const ins = { keyword: current.keyword, args: current.args, argsFrom: current.argsFrom };
        list.push(ins);
        pieces.set(ins, current.parts);
        current = undefined;
      }
      continue;
    }
    const m = /^(\s*)([A-Za-z]+)(\s+)(.*)$/.exec(line);
    if (!m || /^\s*#/.test(line)) continue;
    const argsFrom = lineStart + m[1].length + m[2].length + m[3].length;
    const cont = /\\\s*$/.test(m[4]);
    const body = cont ? m[4].replace(/\\\s*$/, '') : m[4];
    const parts = [{ at: 0, length: body.length, fileFrom: argsFrom }];
    if (cont) current = { keyword: m[2].toUpperCase(), args: body, argsFrom, parts };
    else {
      const ins = { keyword: m[2].toUpperCase(), args: body, argsFrom };
      list.push(ins);
      pieces.set(ins, parts);
    }
  }
  const map = (ins: Instruction, at: number): number => {
    const parts = pieces.get(ins) ?? [];
    for (let i = parts.length - 1; i >= 0; i--) if (at >= parts[i].at) return parts[i].fileFrom + (at - parts[i].at);
    return ins.argsFrom + at;
  };
  return { list, map };
}

/** The strings of a JSON array (exec form) with their offsets; undefined when the text is not one. */
function execForm(args: string): Word[] | undefined {
  const trimmed = args.trim();
  if (!trimmed.startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) return undefined;
  const words: Word[] = [];
  const re = /"(?:[^"\\]|\\.)*"/g;
  const lead = args.indexOf('[');
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(args.slice(lead))) && i < parsed.length) {
    words.push({ text: parsed[i++] as string, from: lead + m.index, to: lead + m.index + m[0].length });
  }
  return words.length === parsed.length ? words : undefined;
}

export function parseDockerfile(text: string): DockerImage {
  const { list, map } = instructions(text);
  // Only the last stage becomes the image.
  let lastFrom = -1;
  list.forEach((ins, i) => {
    if (ins.keyword === 'FROM') lastFrom = i;
  });
  const image: DockerImage = { env: new Map() };
  for (const ins of list.slice(lastFrom + 1)) {
    if (ins.keyword === 'ENV') {
      for (const [name, value, at, end] of envPairs(ins.args)) image.env.set(name, { value, from: map(ins, at), to: map(ins, end) });
    } else if (ins.keyword === 'WORKDIR') {
      const dir = ins.args.trim().replace(/^["']|["']$/g, '');
      image.workdir = dir.startsWith('/') || !image.workdir ? dir : `${image.workdir.replace(/\/$/, '')}/${dir}`;
    } else if (ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') {
      const exec = execForm(ins.args);
      const located = (w: Word): Word => ({ ...w, from: map(ins, w.from), to: map(ins, w.to) });
      const words = exec
        ? listWords(exec.map(located), (w) => text.slice(w.from, w.to))
        : // Shell form runs as /bin/sh -c "<args>".
          commandWords(ins.args).map(located);
      const command: DockerCommand = { instruction: ins.keyword, words, from: map(ins, 0), to: map(ins, ins.args.length) };
      if (ins.keyword === 'CMD') image.cmd = command;
      else {
        image.entrypoint = command;
        // An ENTRYPOINT resets the CMD of earlier stages, not of this one.
      }
    }
  }
  return image;
}

/** `ENV A=1 B="two words"` and the legacy `ENV A value with spaces`. */
function envPairs(args: string): [string, string, number, number][] {
  const out: [string, string, number, number][] = [];
  const legacy = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+(?!\S*=)(.*)$/.exec(args);
  if (legacy && !/^\s*[A-Za-z_][A-Za-z0-9_]*=/.test(args)) {
    const start = args.indexOf(legacy[2], legacy[1].length);
    out.push([legacy[1], legacy[2].trim(), start, start + legacy[2].trimEnd().length]);
    return out;
  }
  const re = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|(?:[^\s\\]|\\.)*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(args))) {
    const raw = m[2];
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw.startsWith("'") ? raw.slice(1, -1) : raw.replace(/\\(.)/g, '$1');
    const at = m.index + m[1].length + 1;
    out.push([m[1], value, at, at + raw.length]);
  }
  return out;
}
