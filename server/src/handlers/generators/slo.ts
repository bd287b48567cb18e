import { parseObjective } from '../../engine/slo/budget';
import { generateBurnRateRules } from '../../engine/slo/burnRate';
import type { GeneratedFilesResult, GenerateSloRulesParams } from '../../protocol';

/** obsconf/generateSloRules: recording rules for the error ratio and the multi-window, multi-burn-rate alerts. */
export function sloRulesRequest(params: GenerateSloRulesParams): GeneratedFilesResult {
  if (!params) return { error: 'Give the service, the SLO name, the objective and the two queries.' };
  const objective = parseObjective(String(params.objective ?? ''));
  if ('error' in objective) return { error: objective.error };
  const result = generateBurnRateRules({
    service: String(params.service ?? '').trim(),
    slo: String(params.slo ?? '').trim(),
    objective: objective.ratio,
    errorQuery: String(params.errorQuery ?? ''),
    totalQuery: String(params.totalQuery ?? ''),
    format: params.format === 'prometheus-operator' ? 'prometheus-operator' : 'rules',
    namespace: params.namespace,
  });
  if ('error' in result) return { error: result.error };
  const name = params.format === 'prometheus-operator' ? `slo-${params.service}-${params.slo}.prometheusrule.yaml` : `slo-${params.service}-${params.slo}.rules.yml`;
  return { files: [{ name: name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-'), text: result.text }] };
}
