import type { DiscoveryContext } from './locate';
import { editDistance } from '../editDistance';

/**
 * The `__meta_*` labels each service discovery mechanism sets, from the
 * Prometheus configuration reference. A name ending in `_` is a family
 * (`__meta_kubernetes_pod_label_<name>`).
 */
const KUBERNETES_ROLE_LABELS: Record<string, string[]> = {
  node: [
    '__meta_kubernetes_node_name',
    '__meta_kubernetes_node_provider_id',
    '__meta_kubernetes_node_label_',
    '__meta_kubernetes_node_labelpresent_',
    '__meta_kubernetes_node_annotation_',
    '__meta_kubernetes_node_annotationpresent_',
    '__meta_kubernetes_node_address_',
  ],
  service: [
    '__meta_kubernetes_namespace',
    '__meta_kubernetes_service_annotation_',
    '__meta_kubernetes_service_annotationpresent_',
    '__meta_kubernetes_service_cluster_ip',
    '__meta_kubernetes_service_loadbalancer_ip',
    '__meta_kubernetes_service_external_name',
    '__meta_kubernetes_service_label_',
    '__meta_kubernetes_service_labelpresent_',
    '__meta_kubernetes_service_name',
    '__meta_kubernetes_service_port_name',
    '__meta_kubernetes_service_port_number',
    '__meta_kubernetes_service_port_protocol',
    '__meta_kubernetes_service_type',
  ],
  pod: [
    '__meta_kubernetes_namespace',
    '__meta_kubernetes_pod_name',
    '__meta_kubernetes_pod_ip',
    '__meta_kubernetes_pod_label_',
    '__meta_kubernetes_pod_labelpresent_',
    '__meta_kubernetes_pod_annotation_',
    '__meta_kubernetes_pod_annotationpresent_',
    '__meta_kubernetes_pod_container_init',
    '__meta_kubernetes_pod_container_name',
    '__meta_kubernetes_pod_container_id',
    '__meta_kubernetes_pod_container_image',
    '__meta_kubernetes_pod_container_port_name',
    '__meta_kubernetes_pod_container_port_number',
    '__meta_kubernetes_pod_container_port_protocol',
    '__meta_kubernetes_pod_ready',
    '__meta_kubernetes_pod_phase',
    '__meta_kubernetes_pod_node_name',
    '__meta_kubernetes_pod_host_ip',
    '__meta_kubernetes_pod_uid',
    '__meta_kubernetes_pod_controller_kind',
    '__meta_kubernetes_pod_controller_name',
  ],
  endpoints: [
    '__meta_kubernetes_namespace',
    '__meta_kubernetes_endpoints_name',
    '__meta_kubernetes_endpoints_label_',
    '__meta_kubernetes_endpoints_labelpresent_',
    '__meta_kubernetes_endpoints_annotation_',
    '__meta_kubernetes_endpoints_annotationpresent_',
    '__meta_kubernetes_endpoint_hostname',
    '__meta_kubernetes_endpoint_node_name',
    '__meta_kubernetes_endpoint_ready',
    '__meta_kubernetes_endpoint_port_name',
    '__meta_kubernetes_endpoint_port_protocol',
    '__meta_kubernetes_endpoint_address_target_kind',
    '__meta_kubernetes_endpoint_address_target_name',
  ],
  endpointslice: [
    '__meta_kubernetes_namespace',
    '__meta_kubernetes_endpointslice_name',
    '__meta_kubernetes_endpointslice_label_',
    '__meta_kubernetes_endpointslice_labelpresent_',
    '__meta_kubernetes_endpointslice_annotation_',
    '__meta_kubernetes_endpointslice_annotationpresent_',
    '__meta_kubernetes_endpointslice_address_target_kind',
    '__meta_kubernetes_endpointslice_address_target_name',
    '__meta_kubernetes_endpointslice_address_type',
    '__meta_kubernetes_endpointslice_endpoint_conditions_ready',
    '__meta_kubernetes_endpointslice_endpoint_conditions_serving',
    '__meta_kubernetes_endpointslice_endpoint_conditions_terminating',
    '__meta_kubernetes_endpointslice_endpoint_topology_kubernetes_io_hostname',
    '__meta_kubernetes_endpointslice_endpoint_topology_present_kubernetes_io_hostname',
    '__meta_kubernetes_endpointslice_endpoint_hostname',
    '__meta_kubernetes_endpointslice_endpoint_node_name',
    '__meta_kubernetes_endpointslice_endpoint_zone',
    '__meta_kubernetes_endpointslice_port',
    '__meta_kubernetes_endpointslice_port_name',
    '__meta_kubernetes_endpointslice_port_protocol',
    '__meta_kubernetes_endpointslice_port_app_protocol',
  ],
  ingress: [
    '__meta_kubernetes_namespace',
    '__meta_kubernetes_ingress_name',
    '__meta_kubernetes_ingress_label_',
    '__meta_kubernetes_ingress_labelpresent_',
    '__meta_kubernetes_ingress_annotation_',
    '__meta_kubernetes_ingress_annotationpresent_',
    '__meta_kubernetes_ingress_class_name',
    '__meta_kubernetes_ingress_scheme',
    '__meta_kubernetes_ingress_path',
  ],
};

/** The endpoints roles also carry the labels of the Service and of the pod behind each address (and of the node with attach_metadata). */
const ROLE_INCLUDES: Record<string, string[]> = {
  endpoints: ['endpoints', 'service', 'pod', 'node'],
  endpointslice: ['endpointslice', 'service', 'pod', 'node'],
  pod: ['pod', 'node'],
  service: ['service'],
  node: ['node'],
  ingress: ['ingress'],
};

/** The prefix of each mechanism's meta labels; file and HTTP discovery pass any label their source lists. */
const MECHANISM_PREFIX: Record<string, string> = {
  kubernetes_sd_configs: '__meta_kubernetes_',
  consul_sd_configs: '__meta_consul_',
  dns_sd_configs: '__meta_dns_',
  ec2_sd_configs: '__meta_ec2_',
  lightsail_sd_configs: '__meta_lightsail_',
  azure_sd_configs: '__meta_azure_',
  gce_sd_configs: '__meta_gce_',
  openstack_sd_configs: '__meta_openstack_',
  docker_sd_configs: '__meta_docker_',
  dockerswarm_sd_configs: '__meta_dockerswarm_',
  digitalocean_sd_configs: '__meta_digitalocean_',
  hetzner_sd_configs: '__meta_hetzner_',
  eureka_sd_configs: '__meta_eureka_',
  kuma_sd_configs: '__meta_kuma_',
  linode_sd_configs: '__meta_linode_',
  marathon_sd_configs: '__meta_marathon_',
  nerve_sd_configs: '__meta_nerve_',
  serverset_sd_configs: '__meta_serverset_',
  triton_sd_configs: '__meta_triton_',
  scaleway_sd_configs: '__meta_scaleway_',
  uyuni_sd_configs: '__meta_uyuni_',
  vultr_sd_configs: '__meta_vultr_',
  ionos_sd_configs: '__meta_ionos_',
  ovhcloud_sd_configs: '__meta_ovhcloud_',
  puppetdb_sd_configs: '__meta_puppetdb_',
  nomad_sd_configs: '__meta_nomad_',
  stackit_sd_configs: '__meta_stackit_',
};

/** Mechanisms whose targets can carry labels of any name. */
const OPEN_MECHANISMS = new Set(['file_sd_configs', 'http_sd_configs']);

export interface MetaLabelProblem {
  message: string;
  suggestion?: string;
}

function allKubernetesNames(): string[] {
  return [...new Set(Object.values(KUBERNETES_ROLE_LABELS).flat())];
}

function matchesFamily(name: string, entry: string): boolean {
  return entry.endsWith('_') ? name.startsWith(entry) && name.length > entry.length : name === entry;
}

/** The label names a set of Kubernetes roles produces. */
export function kubernetesLabelsFor(roles: string[]): string[] {
  const names = new Set<string>();
  for (const role of roles.length ? roles : Object.keys(ROLE_INCLUDES)) {
    for (const included of ROLE_INCLUDES[role] ?? []) for (const entry of KUBERNETES_ROLE_LABELS[included] ?? []) names.add(entry);
  }
  return [...names];
}

/** Checks one `__meta_*` name against what the list's discovery can produce. */
export function checkMetaLabel(name: string, discovery: DiscoveryContext): MetaLabelProblem | undefined {
  if (!name.startsWith('__meta_')) return undefined;
  if (discovery.staticLabelNames.includes(name)) return undefined;
  const mechanisms = discovery.mechanisms;
  if (mechanisms.some((m) => OPEN_MECHANISMS.has(m))) {
    if (name.startsWith('__meta_kubernetes_') && mechanisms.includes('kubernetes_sd_configs')) return checkKubernetes(name, discovery.kubernetesRoles);
    return undefined;
  }
  if (name === '__meta_filepath' || name === '__meta_url') return undefined;
  if (name.startsWith('__meta_kubernetes_')) {
    if (!mechanisms.includes('kubernetes_sd_configs')) {
      return { message: `${name} is set by Kubernetes service discovery, but this job discovers targets with ${describeMechanisms(mechanisms)}; the label is always empty here.` };
    }
    return checkKubernetes(name, discovery.kubernetesRoles);
  }
  const owner = Object.entries(MECHANISM_PREFIX).find(([, prefix]) => name.startsWith(prefix));
  if (owner && !mechanisms.includes(owner[0])) {
    return { message: `${name} is set by ${owner[0]}, but this job discovers targets with ${describeMechanisms(mechanisms)}; the label is always empty here.` };
  }
  if (!owner && mechanisms.length > 0 && mechanisms.every((m) => m === 'static_configs' || MECHANISM_PREFIX[m])) {
    const known = allKubernetesNames();
    const suggestion = closest(name, known);
    return {
      message: `${name} is not a meta label any service discovery of this job sets.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
      suggestion,
    };
  }
  return undefined;
}

function checkKubernetes(name: string, roles: string[]): MetaLabelProblem | undefined {
  const allowed = kubernetesLabelsFor(roles);
  if (allowed.some((entry) => matchesFamily(name, entry))) return undefined;
  const everything = allKubernetesNames();
  const roleText = roles.length ? `role ${roles.join(', ')}` : 'this discovery';
  if (everything.some((entry) => matchesFamily(name, entry))) {
    return { message: `${name} is not set by Kubernetes discovery with ${roleText}; the label is always empty here.` };
  }
  const suggestion = closest(name, allowed);
  return {
    message: `${name} is not a Kubernetes meta label; Kubernetes discovery with ${roleText} never sets it.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
    suggestion,
  };
}

function describeMechanisms(mechanisms: string[]): string {
  return mechanisms.length ? mechanisms.join(', ') : 'no service discovery';
}

/** The closest known name (families compared by their prefix), within a small edit distance. */
function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const entry of candidates) {
    let candidate = entry;
    if (entry.endsWith('_')) {
      // Compare a family with a prefix of the name of about its length, keep the rest as written.
      for (let cut = entry.length - 2; cut <= entry.length + 2; cut++) {
        const rest = name.slice(cut);
        if (cut <= 0 || rest === '') continue;
        const d = boundedDistance(name.slice(0, cut), entry) + (rest.startsWith('_') ? 0.5 : 0);
        // On a tie within one family, the longer cut wins: the typo is in the family part, not in the user's suffix.
        if (d <= 2 && (d < bestDistance || (d === bestDistance && best?.startsWith(entry)))) {
          bestDistance = d;
          best = entry + rest;
        }
      }
      continue;
    }
    const d = boundedDistance(name, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 8));
  return bestDistance <= limit ? best : undefined;
}

/** The edit distance, cut short (99) for names whose lengths differ by more than 8. */
function boundedDistance(a: string, b: string): number {
  return Math.abs(a.length - b.length) > 8 ? 99 : editDistance(a, b);
}
