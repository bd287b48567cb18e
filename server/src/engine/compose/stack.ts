import { listenPort } from './address';
import { lastFlag } from './commandLine';
import { ComposeFile, ComposeService, namesOf } from './model';
import { DEFAULT_CLUSTER_PORT, DEFAULT_WEB_PORT } from './roles';

/** The services of one or more compose files, looked up by the DNS names they answer to. */
export class StackNames {
  private readonly byName = new Map<string, Set<ComposeService>>();

  constructor(files: Iterable<Pick<ComposeFile, 'services'>>) {
    for (const file of files) {
      for (const service of file.services) {
        for (const name of namesOf(service)) {
          let set = this.byName.get(name.value);
          if (!set) this.byName.set(name.value, (set = new Set()));
          set.add(service);
        }
      }
    }
  }

  /**
   * The services a host name reaches: `tasks.X` (every task of X, Swarm's DNS)
   * or `X` itself, where X is a service name or a network alias.
   */
  resolve(host: string): { services: ComposeService[]; tasks: boolean; name: string } | undefined {
    const tasks = host.startsWith('tasks.');
    const name = tasks ? host.slice('tasks.'.length) : host;
    const found = this.byName.get(name);
    return found ? { services: [...found], tasks, name } : undefined;
  }

  /** Every name that reaches at least one Alertmanager. */
  alertmanagerNames(): string[] {
    return [...this.byName.entries()].filter(([, services]) => [...services].some(isAlertmanager)).map(([name]) => name).sort();
  }

  entries(): IterableIterator<[string, Set<ComposeService>]> {
    return this.byName.entries();
  }
}

export function isAlertmanager(service: ComposeService): boolean {
  return service.run.program === 'alertmanager';
}

export function isPrometheus(service: ComposeService): boolean {
  return service.run.program === 'prometheus';
}

/** The gossip port an Alertmanager listens on: `--cluster.listen-address`'s port, default 9094. */
export function clusterPort(service: ComposeService): number | undefined {
  const flag = lastFlag(service.flags, 'cluster.listen-address');
  if (!flag || flag.value === undefined) return DEFAULT_CLUSTER_PORT;
  return listenPort(flag.value);
}

/** The HTTP port a Prometheus or Alertmanager listens on: `--web.listen-address`'s port, or the default. */
export function webPort(service: ComposeService): number | undefined {
  if (!service.run.program) return undefined;
  const flag = lastFlag(service.flags, 'web.listen-address');
  if (!flag || flag.value === undefined) return DEFAULT_WEB_PORT[service.run.program];
  return listenPort(flag.value);
}
