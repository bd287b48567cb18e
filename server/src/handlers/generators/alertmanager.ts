import { generateAlertmanagerCluster } from '../../engine/compose/generateCluster';
import type { GenerateAlertmanagerClusterParams, GeneratedFilesResult } from '../../protocol';

/** obsconf/generateAlertmanagerCluster: the compose services, prometheus.yml's alerting block and a starting alertmanager.yml. */
export function alertmanagerClusterRequest(params: GenerateAlertmanagerClusterParams): GeneratedFilesResult {
  if (!params || !Array.isArray(params.nodes)) return { error: 'Give the number of instances and one node name per instance.' };
  const result = generateAlertmanagerCluster({ ...params, instances: Number(params.instances), nodes: params.nodes.map((n) => String(n).trim()) });
  return 'error' in result ? { error: result.error } : { files: result.files };
}
