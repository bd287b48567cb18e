import type { YAMLMap } from 'yaml';
import { alertmanagerConfigOf } from '../../alertmanager/config';
import { splitHostPort } from '../../compose/address';
import { findPair, getMap, getScalar, Span, spanOf } from '../../documents/yamlAccess';
import type { YamlDoc } from '../../documents/yamlFile';
import { defineDocumentRule, FindingInput } from '../types';

/** What one integration needs: settings it must have, itself or through `global`. */
interface Need {
  /** Any of these keys set on the integration satisfies the need. */
  local: string[];
  /** Any of these keys set under `global` satisfies it too. */
  global?: string[];
  what: string;
}

const NEEDS: Record<string, Need[]> = {
  email_configs: [
    { local: ['to'], what: 'a "to" address' },
    { local: ['smarthost'], global: ['smtp_smarthost'], what: 'an SMTP smarthost (smarthost, or global smtp_smarthost)' },
    { local: ['from'], global: ['smtp_from'], what: 'a sender (from, or global smtp_from)' },
  ],
  slack_configs: [{ local: ['api_url', 'api_url_file'], global: ['slack_api_url', 'slack_api_url_file'], what: 'a Slack webhook URL (api_url, or global slack_api_url)' }],
  webhook_configs: [{ local: ['url', 'url_file'], what: 'a url' }],
  pagerduty_configs: [{ local: ['routing_key', 'routing_key_file', 'service_key', 'service_key_file'], what: 'a routing_key or service_key' }],
  opsgenie_configs: [{ local: ['api_key', 'api_key_file'], global: ['opsgenie_api_key', 'opsgenie_api_key_file'], what: 'an api_key (or global opsgenie_api_key)' }],
  victorops_configs: [
    { local: ['api_key', 'api_key_file'], global: ['victorops_api_key', 'victorops_api_key_file'], what: 'an api_key (or global victorops_api_key)' },
    { local: ['routing_key'], what: 'a routing_key' },
  ],
  pushover_configs: [
    { local: ['user_key', 'user_key_file'], what: 'a user_key' },
    { local: ['token', 'token_file'], what: 'a token' },
  ],
  telegram_configs: [
    { local: ['bot_token', 'bot_token_file'], what: 'a bot_token' },
    { local: ['chat_id'], what: 'a chat_id' },
  ],
  wechat_configs: [
    { local: ['api_secret'], global: ['wechat_api_secret'], what: 'an api_secret (or global wechat_api_secret)' },
    { local: ['corp_id'], global: ['wechat_api_corp_id'], what: 'a corp_id (or global wechat_api_corp_id)' },
  ],
  sns_configs: [{ local: ['target_arn', 'topic_arn', 'phone_number'], what: 'a target_arn, topic_arn or phone_number' }],
  discord_configs: [{ local: ['webhook_url', 'webhook_url_file'], what: 'a webhook_url' }],
};

/** Fields holding an HTTP(S) URL, per integration (and under `global`). */
const URL_FIELDS: Record<string, string[]> = {
  global: ['slack_api_url', 'pagerduty_url', 'opsgenie_api_url', 'wechat_api_url', 'victorops_api_url', 'telegram_api_url', 'webex_api_url'],
  slack_configs: ['api_url'],
  webhook_configs: ['url'],
  pagerduty_configs: ['url'],
  opsgenie_configs: ['api_url'],
  victorops_configs: ['api_url'],
  wechat_configs: ['api_url'],
  telegram_configs: ['api_url'],
  webex_configs: ['api_url'],
  discord_configs: ['webhook_url'],
};

export default defineDocumentRule({
  id: 'alertmanager/receiver-settings',
  severity: 'error',
  docs: {
    summary: 'Each receiver integration has the settings Alertmanager requires, on the integration or under `global` (an email needs `to`, a smarthost and a sender; Slack a webhook URL …), and its URLs are http(s) URLs.',
    why: 'Alertmanager fills integration settings from `global` when it loads the configuration and refuses the file when a required one is missing anywhere ("no global SMTP smarthost set", "no global Slack API URL set", "missing URL in webhook config"), or when a URL or smarthost does not parse.',
    bad: 'route:\n  receiver: team\nreceivers:\n  - name: team\n    email_configs:\n      - to: team@example.org\n',
    good: 'global:\n  smtp_smarthost: smtp.example.org:587\n  smtp_from: alertmanager@example.org\nroute:\n  receiver: team\nreceivers:\n  - name: team\n    email_configs:\n      - to: team@example.org\n',
  },
  check({ doc, report }) {
    const config = alertmanagerConfigOf(doc);
    if (!config) return;
    const parsed = doc.parsed;
    const isSet = (map: YAMLMap | undefined, key: string) => {
      const value = getScalar(parsed, map, key)?.value;
      return value !== undefined && value !== null && value !== '';
    };
    for (const key of URL_FIELDS.global) checkUrl(doc, config.global, key, report);
    const smarthost = getScalar(parsed, config.global, 'smtp_smarthost');
    if (smarthost) checkHostPort(doc, 'smtp_smarthost', smarthost, report);
    for (const receiver of config.receivers) {
      for (const integration of receiver.integrations) {
        const needs = NEEDS[integration.key] ?? [];
        for (const item of integration.items) {
          const itemSpan = spanOf(item) ?? integration.keySpan;
          for (const need of needs) {
            if (need.local.some((k) => isSet(item, k)) || need.global?.some((k) => isSet(config.global, k))) continue;
            const at = findPair(item, need.local[0]) ? spanOf(findPair(item, need.local[0])!.key as never) ?? itemSpan : firstKeySpan(item) ?? itemSpan;
            report({
              at: { doc, span: at },
              message: `This ${integration.key.replace(/_configs$/, '')} integration needs ${need.what}; Alertmanager refuses the configuration without it.`,
            });
          }
          for (const key of URL_FIELDS[integration.key] ?? []) checkUrl(doc, item, key, report);
          if (integration.key === 'email_configs') {
            const local = getScalar(parsed, item, 'smarthost');
            if (local) checkHostPort(doc, 'smarthost', local, report);
          }
          if (integration.key === 'webex_configs' && !getMap(parsed, getMap(parsed, item, 'http_config'), 'authorization')) {
            report({ at: { doc, span: firstKeySpan(item) ?? itemSpan }, message: 'This webex integration has no http_config.authorization (the bot token); Alertmanager refuses the configuration.' });
          }
        }
      }
    }
  },
});

type Report = (finding: FindingInput) => void;

function firstKeySpan(map: YAMLMap): Span | undefined {
  return spanOf(map.items[0]?.key as never);
}

function checkUrl(doc: YamlDoc, map: YAMLMap | undefined, key: string, report: Report): void {
  const located = getScalar(doc.parsed, map, key);
  if (!located || located.value === null || located.value === '' || typeof located.value === 'object') return;
  const text = String(located.value);
  if (text === '<secret>') return;
  const problem = urlProblem(text);
  if (problem) report({ at: { doc, span: located.span }, message: `${key} ${JSON.stringify(text)}: ${problem}; Alertmanager accepts only http:// and https:// URLs with a host.` });
}

/** What Alertmanager's parseURL (Go url.Parse, http/https scheme, non-empty host) says about a URL. */
export function urlProblem(text: string): string | undefined {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase() ?? '';
  if (scheme !== 'http' && scheme !== 'https') return `unsupported scheme "${scheme}"`;
  const rest = text.slice(scheme.length + 1);
  if (!rest.startsWith('//')) return 'missing host';
  const authority = rest.slice(2).split(/[/?#]/)[0];
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host === '' ? 'missing host' : undefined;
}

function checkHostPort(doc: YamlDoc, key: string, located: { value: unknown; span: Span }, report: Report): void {
  if (located.value === null || located.value === '' || typeof located.value === 'object') return;
  const text = String(located.value);
  const split = splitHostPort(text);
  const problem = !split ? 'is not host:port' : split.port === '' ? 'has an empty port' : undefined;
  if (problem) report({ at: { doc, span: located.span }, message: `${key} ${JSON.stringify(text)} ${problem}; write host:port, e.g. smtp.example.org:587.` });
}
