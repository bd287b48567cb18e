import type { Container, ContainerPort, Workload } from '../../model/kubernetes';

export interface ResolvedPort {
  workload: Workload;
  container: Container;
  port: ContainerPort;
}

/**
 * Resolves a named targetPort as the endpoints controller does (FindPort):
 * the first container port, in container order, with that name and protocol.
 */
export function findNamedPort(workload: Workload, name: string, protocol: string): ResolvedPort | undefined {
  for (const container of workload.containers) {
    for (const port of container.ports) {
      if (port.name?.value === name && port.protocol === protocol) return { workload, container, port };
    }
  }
  return undefined;
}

/** A port with that name but another protocol, to explain a failed resolution. */
export function findNameOtherProtocol(workload: Workload, name: string): ResolvedPort | undefined {
  for (const container of workload.containers) {
    for (const port of container.ports) if (port.name?.value === name) return { workload, container, port };
  }
  return undefined;
}

export function findPortNumber(workload: Workload, number: number, protocol: string): ResolvedPort | undefined {
  for (const container of workload.containers) {
    for (const port of container.ports) {
      if (port.number === number && port.protocol === protocol) return { workload, container, port };
    }
  }
  return undefined;
}

export function objectLabel(object: { kind: string; namespace: string; name: string }): string {
  return `${object.kind} ${object.namespace}/${object.name}`;
}
