import { stringify } from 'yaml';
import type { Monitor, Service, Workload } from '../model/kubernetes';
import { namespaceAllowed } from '../workspace/selectors';
import type { WorkspaceIndex } from '../workspace/index';
import type { RelabelList } from './locate';
import { LabelSet, staticTargetsOf } from './preview';

const sanitize = (name: string) => name.replace(/[^a-zA-Z0-9_]/g, '_');

function addObjectLabels(out: LabelSet, prefix: string, labels: Map<string, string>): void {
  for (const [name, value] of labels) {
    out[`${prefix}_label_${sanitize(name)}`] = value;
    out[`${prefix}_labelpresent_${sanitize(name)}`] = 'true';
  }
}

/**
 * Sample input labels for a relabel list: the job's static targets, or for a
 * ServiceMonitor/PodMonitor the `__meta_kubernetes_*` labels that endpoints
 * (or pod) discovery would produce from the workspace's Services and pods,
 * plus the labels the operator's own relabelings set before the user's
 * (job, namespace, service, pod, container, endpoint). Pod IPs are not in
 * manifests: a documentation address stands in for them.
 */
export function sampleTargets(list: RelabelList, index: WorkspaceIndex | undefined): LabelSet[] {
  const fromStatic = staticTargetsOf(list);
  if (fromStatic.length) return fromStatic;
  if (list.dialect !== 'operator' || !index) return [];
  const monitor = (list.doc.objects as Monitor[]).find((o) => o.category === 'servicemonitor' || o.category === 'podmonitor');
  if (!monitor?.selector) return [];
  const endpoint = monitor.endpoints.find((e) => e.node === list.parent);
  const portName = typeof endpoint?.port?.value === 'string' ? endpoint.port.value : undefined;
  const out: LabelSet[] = [];
  let ip = 10;
  if (monitor.category === 'servicemonitor') {
    for (const service of index.servicesMatchingLabels(monitor.selector)) {
      if (!namespaceAllowed(monitor.namespaceSelector, monitor.namespace, service.namespace)) continue;
      for (const port of service.ports) {
        const name = typeof port.name?.value === 'string' ? port.name.value : '';
        if (portName && name !== portName) continue;
        for (const workload of index.workloadsSelectedBy(service.namespace, service.selector)) {
          out.push(endpointsTarget(service, name, port, workload, `192.0.2.${ip++}`));
        }
      }
    }
  } else {
    for (const workload of index.workloadsMatchingLabels(monitor.selector)) {
      if (!namespaceAllowed(monitor.namespaceSelector, monitor.namespace, workload.namespace)) continue;
      for (const container of workload.containers) {
        for (const port of container.ports) {
          const name = typeof port.name?.value === 'string' ? port.name.value : '';
          if (portName && name !== portName) continue;
          out.push(podTarget(workload, container.name?.value ?? '', name, port.number, `192.0.2.${ip++}`, monitor));
        }
      }
    }
  }
  return out.slice(0, 50);
}

function podName(workload: Workload): string {
  return workload.kind === 'Pod' ? workload.name : `${workload.name}-7d9c5b6f4-abcde`;
}

function podLabels(out: LabelSet, workload: Workload, ip: string): void {
  out.__meta_kubernetes_pod_name = podName(workload);
  out.__meta_kubernetes_pod_ip = ip;
  out.__meta_kubernetes_pod_ready = 'true';
  out.__meta_kubernetes_pod_phase = 'Running';
  if (workload.kind !== 'Pod') {
    out.__meta_kubernetes_pod_controller_kind = workload.kind === 'Deployment' ? 'ReplicaSet' : workload.kind;
    out.__meta_kubernetes_pod_controller_name = workload.kind === 'Deployment' ? `${workload.name}-7d9c5b6f4` : workload.name;
  }
  addObjectLabels(out, '__meta_kubernetes_pod', workload.podLabels);
}

function endpointsTarget(service: Service, portName: string, port: Service['ports'][number], workload: Workload, ip: string): LabelSet {
  const targetPort = port.targetPort?.value ?? port.port?.value;
  let number: number | undefined = typeof targetPort === 'number' ? targetPort : undefined;
  let containerName = '';
  for (const container of workload.containers) {
    for (const p of container.ports) {
      if ((typeof targetPort === 'string' && p.name?.value === targetPort) || (number !== undefined && p.number === number)) {
        number = p.number;
        containerName = container.name?.value ?? '';
      }
    }
  }
  const out: LabelSet = { __address__: `${ip}:${number ?? 80}` };
  out.__meta_kubernetes_namespace = service.namespace;
  out.__meta_kubernetes_service_name = service.name;
  out.__meta_kubernetes_endpoints_name = service.name;
  addObjectLabels(out, '__meta_kubernetes_service', service.labels);
  out.__meta_kubernetes_endpoint_port_name = portName;
  out.__meta_kubernetes_endpoint_port_protocol = port.protocol;
  out.__meta_kubernetes_endpoint_ready = 'true';
  out.__meta_kubernetes_endpoint_address_target_kind = 'Pod';
  out.__meta_kubernetes_endpoint_address_target_name = podName(workload);
  podLabels(out, workload, ip);
  if (containerName) out.__meta_kubernetes_pod_container_name = containerName;
  // What the operator's generated relabelings set before the user's relabelings run.
  out.namespace = service.namespace;
  out.service = service.name;
  out.pod = podName(workload);
  if (containerName) out.container = containerName;
  out.job = service.name;
  if (portName) out.endpoint = portName;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== ''));
}

function podTarget(workload: Workload, container: string, portName: string, port: number | undefined, ip: string, monitor: Monitor): LabelSet {
  const out: LabelSet = { __address__: `${ip}:${port ?? 80}` };
  out.__meta_kubernetes_namespace = workload.namespace;
  podLabels(out, workload, ip);
  out.__meta_kubernetes_pod_container_name = container;
  out.__meta_kubernetes_pod_container_port_name = portName;
  if (port !== undefined) out.__meta_kubernetes_pod_container_port_number = String(port);
  out.namespace = workload.namespace;
  out.pod = podName(workload);
  out.container = container;
  out.job = `${monitor.namespace}/${monitor.name}`;
  if (portName) out.endpoint = portName;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== ''));
}

export function samplesYaml(targets: LabelSet[]): string {
  return targets.length ? stringify(targets) : '- __address__: "app:8000"\n';
}
