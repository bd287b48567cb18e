import { isScalar, parseAllDocuments, visit } from 'yaml';

/**
 * Whether a file's `{{ … }}` are notification or annotation templates rather
 * than Helm actions: the file is not a Kubernetes manifest (no top-level
 * `apiVersion:`/`kind:`, where Helm is the usual templating), it parses as
 * YAML, and every `{{` sits inside a string (a plain scalar cannot start with
 * `{`, so a Helm action in value position parses as a flow mapping instead).
 * That is how alertmanager.yml (`title: '{{ .CommonLabels.alertname }}'`),
 * Prometheus rule files (`summary: "{{ $labels.instance }} is down"`) and
 * Swarm stack files (`- NODE_ID={{.Node.ID}}`) use Go templates: the text is
 * still plain YAML and can be checked.
 */
export function templatesOnlyInStrings(text: string): boolean {
  if (/^(apiVersion|kind)\s*:/m.test(text)) return false;
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false });
  } catch {
    return false;
  }
  if (!Array.isArray(docs)) return false;
  const inside: [number, number][] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) return false;
    visit(doc, {
      Scalar(_, node) {
        if (isScalar(node) && node.range) inside.push([node.range[0], node.range[1]]);
      },
    });
  }
  for (let at = text.indexOf('{{'); at !== -1; at = text.indexOf('{{', at + 2)) {
    if (!inside.some(([start, end]) => at > start && at < end)) return false;
  }
  return true;
}
