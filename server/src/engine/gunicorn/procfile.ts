import { commandWords, Word } from './commandLine';

/**
 * A Procfile (Heroku, and Cloud Native Buildpacks, whose images run its `web`
 * process by default): `name: command` lines.
 */

export interface ProcfileProcess {
  name: string;
  words: Word[];
  from: number;
  to: number;
}

export function isProcfileName(base: string): boolean {
  return base === 'Procfile' || /^Procfile\.[\w.-]+$/.test(base);
}

export function parseProcfile(text: string): ProcfileProcess[] {
  const out: ProcfileProcess[] = [];
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const m = /^([A-Za-z0-9_-]+)[ \t]*:[ \t]*(.*?)\r?$/.exec(rawLine);
    if (!m || !m[2]) continue;
    const from = lineStart + rawLine.indexOf(m[2], m[1].length);
    out.push({ name: m[1], words: commandWords(m[2], from), from, to: from + m[2].length });
  }
  return out;
}
