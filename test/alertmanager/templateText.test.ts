import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyContent } from '../../server/src/engine/documents/yamlFile';
import { templatesOnlyInStrings } from '../../server/src/engine/alertmanager/templateText';

describe('Go templates inside strings do not make a Helm template', () => {
  const checked: [string, string][] = [
    ['alertmanager.yml notification templates', "route:\n  receiver: a\nreceivers:\n  - name: a\n    slack_configs:\n      - title: '{{ .CommonLabels.alertname }}'\n        text: |\n          {{ range .Alerts }}{{ .Annotations.summary }}{{ end }}\n"],
    ['rule annotations', 'groups:\n  - name: x\n    rules:\n      - alert: Down\n        expr: up == 0\n        annotations:\n          summary: "{{ $labels.instance }} is down"\n'],
    ['Swarm service templates', 'services:\n  ne:\n    image: x\n    environment:\n      - NODE_ID={{.Node.ID}}\n    hostname: "{{.Node.Hostname}}"\n'],
  ];
  for (const [what, text] of checked) {
    test(`${what} are checked as YAML`, () => {
      assert.ok(templatesOnlyInStrings(text));
      assert.equal(classifyContent(text), 'yaml');
    });
  }
  const helm: [string, string][] = [
    ['a Kubernetes manifest with a quoted action', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: "{{ .Release.Name }}"\n'],
    ['an action in value position', 'route:\n  receiver: {{ .Values.receiver }}\n'],
    ['control actions on their own lines', '{{- if .Values.enabled }}\nroute:\n  receiver: a\n{{- end }}\n'],
    ['an action in a comment', '# {{ .Values.x }}\nroute: {receiver: a}\n'],
  ];
  for (const [what, text] of helm) {
    test(`${what} stays a template`, () => {
      assert.ok(!templatesOnlyInStrings(text));
      assert.equal(classifyContent(text), 'template');
    });
  }
});
