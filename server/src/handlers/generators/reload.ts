import { generateReloadService } from '../../engine/compose/generateReload';
import type { GenerateReloadServiceParams, GeneratedFilesResult } from '../../protocol';

/** obsconf/generateReloadService: Prometheus with --web.enable-lifecycle and a polling config-reload service (compose) or sidecar (Kubernetes). */
export function reloadServiceRequest(params: GenerateReloadServiceParams): GeneratedFilesResult {
  if (!params) return { error: 'Choose compose or kubernetes and a polling interval.' };
  const result = generateReloadService({ ...params, intervalSeconds: Number(params.intervalSeconds) });
  return 'error' in result ? { error: result.error } : { files: result.files };
}
