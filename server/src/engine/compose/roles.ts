import type { Arg } from './commandLine';

/** The programs obsconf recognises in a compose service or a container. */
export type Program = 'prometheus' | 'alertmanager';

/** The repository name of an image reference, without registry, namespace, tag or digest: `quay.io/prometheus/alertmanager:v0.27.0` → `alertmanager`. */
export function imageBaseName(image: string): string {
  let ref = image.trim();
  const at = ref.indexOf('@');
  if (at !== -1) ref = ref.slice(0, at);
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > lastSlash) ref = ref.slice(0, colon);
  return ref.slice(lastSlash + 1).toLowerCase();
}

const BINARIES: Record<string, Program> = {
  prometheus: 'prometheus',
  alertmanager: 'alertmanager',
  'prometheus-alertmanager': 'alertmanager',
};

/** The program a binary path runs: `/bin/alertmanager` → alertmanager. */
export function programOfBinary(path: string): Program | undefined {
  if (path.startsWith('-') || /\s/.test(path)) return undefined;
  const base = path.slice(path.lastIndexOf('/') + 1);
  return BINARIES[base];
}

/** The program an image runs by default (the official images' entrypoint is the binary itself). */
export function programOfImage(image: string | undefined): Program | undefined {
  if (!image) return undefined;
  const base = imageBaseName(image);
  return base === 'prometheus' || base === 'alertmanager' ? base : undefined;
}

/** What runs, and the words passed to it as flags. */
export interface Invocation {
  program?: Program;
  /** The program's arguments (flags), or undefined when they cannot be told (a shell wraps the program). */
  args?: Arg[];
  /**
   * Where the arguments are written, in compose's words (for Kubernetes, `entrypoint` is the
   * container's `command` and `command` its `args`), or nowhere: the image's default command.
   */
  argsFrom: 'command' | 'entrypoint' | 'image-default';
}

/**
 * Works out the program and its arguments the way Docker does: the entrypoint
 * (the image's unless overridden) runs with the command as arguments.
 * `entrypoint`/`command` are compose's names; for Kubernetes pass `command`/`args`.
 */
export function invocation(image: string | undefined, entrypoint: Arg[] | undefined, command: Arg[] | undefined): Invocation {
  if (entrypoint && entrypoint.length > 0) {
    const program = programOfBinary(entrypoint[0].value);
    if (!program) return { program: undefined, argsFrom: 'entrypoint' };
    const args = [...entrypoint.slice(1), ...(command ?? [])];
    return { program, args, argsFrom: command && command.length ? 'command' : 'entrypoint' };
  }
  const fromImage = programOfImage(image);
  if (command && command.length > 0) {
    const first = command[0].value;
    const binary = programOfBinary(first);
    if (binary) return { program: binary, args: command.slice(1), argsFrom: 'command' };
    if (fromImage && first.startsWith('-')) return { program: fromImage, args: command, argsFrom: 'command' };
    // Something else runs (a shell, a script): the flags, if any, are out of reach.
    return { program: fromImage && /(^|\/)(sh|bash|ash)$/.test(first) ? undefined : fromImage, args: undefined, argsFrom: 'command' };
  }
  return { program: fromImage, args: fromImage ? [] : undefined, argsFrom: 'image-default' };
}

/** Images whose only job is to watch configuration and call a reload endpoint. */
export function isReloaderImage(image: string | undefined): boolean {
  if (!image) return false;
  const base = imageBaseName(image);
  return base === 'configmap-reload' || base === 'prometheus-config-reloader' || base === 'config-reloader';
}

/** Default web ports: Prometheus 9090, Alertmanager 9093; Alertmanager's cluster port 9094. */
export const DEFAULT_WEB_PORT: Record<Program, number> = { prometheus: 9090, alertmanager: 9093 };
export const DEFAULT_CLUSTER_PORT = 9094;
