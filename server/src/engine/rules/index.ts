import type { Rule } from './types';
import yamlSyntax from './obsconf/yaml-syntax';
import templateNotChecked from './obsconf/template-not-checked';
import fileSkipped from './obsconf/file-skipped';
import unknownSuppression from './obsconf/unknown-suppression';
import internalError from './obsconf/internal-error';
import fieldType from './kubernetes/field-type';
import containerPortName from './kubernetes/container-port-name';
import containerPortNumber from './kubernetes/container-port-number';
import containerPortDuplicate from './kubernetes/container-port-duplicate';
import containerPortNameShared from './kubernetes/container-port-name-shared';
import servicePortName from './kubernetes/service-port-name';
import servicePortNumber from './kubernetes/service-port-number';
import serviceTargetPort from './kubernetes/service-target-port';
import serviceSelectorNoMatch from './kubernetes/service-selector-no-match';
import serviceSelectorElsewhere from './kubernetes/service-selector-elsewhere';
import serviceMonitorNamespace from './monitoring/servicemonitor-namespace';
import serviceMonitorSelectsPods from './monitoring/servicemonitor-selects-pods';
import serviceMonitorSelectorNoMatch from './monitoring/servicemonitor-selector-no-match';
import serviceMonitorSelectorElsewhere from './monitoring/servicemonitor-selector-elsewhere';
import serviceMonitorPort from './monitoring/servicemonitor-port';
import scrapeDuration from './monitoring/scrape-duration';
import podMonitorPort from './monitoring/podmonitor-port';
import workerUnscraped from './wiring/worker-unscraped';
import workerPortNumber from './wiring/worker-port-number';
import workerPortExtra from './wiring/worker-port-extra';
import workerCountOverride from './wiring/worker-count-override';
import envValueFrom from './wiring/env-value-from';
import containerPortUndeclared from './wiring/container-port-undeclared';

import relabelSchema from './prometheus/relabel-schema';
import relabelAction from './prometheus/relabel-action';
import relabelRequiredField from './prometheus/relabel-required-field';
import relabelFieldNotAllowed from './prometheus/relabel-field-not-allowed';
import relabelLabelName from './prometheus/relabel-label-name';
import relabelRegex from './prometheus/relabel-regex';
import relabelRegexAnchor from './prometheus/relabel-regex-anchor';
import relabelRegexUnbalanced from './prometheus/relabel-regex-unbalanced';
import relabelReplacementGroup from './prometheus/relabel-replacement-group';
import relabelMetaLabel from './prometheus/relabel-meta-label';
import relabelStaticTarget from './prometheus/relabel-static-target';
import prometheusScrapeDuration from './prometheus/scrape-duration';
import composeAlertmanagerPeerAddress from './compose/alertmanager-peer-address';
import composeAlertmanagerPeerUnknown from './compose/alertmanager-peer-unknown';
import composeAlertmanagerPeerTarget from './compose/alertmanager-peer-target';
import composeAlertmanagerPeerPort from './compose/alertmanager-peer-port';
import composeAlertmanagerAliasShared from './compose/alertmanager-alias-shared';
import composeAlertmanagerIsolated from './compose/alertmanager-isolated';
import composeAlertmanagerSameNode from './compose/alertmanager-same-node';
import composeAlertmanagerAdvertiseAddress from './compose/alertmanager-advertise-address';
import composeVolumeUndefined from './compose/volume-undefined';
import alertmanagerSchema from './alertmanager/schema';
import alertmanagerReceiverUnknown from './alertmanager/receiver-unknown';
import alertmanagerReceiverDuplicate from './alertmanager/receiver-duplicate';
import alertmanagerRootRoute from './alertmanager/root-route';
import alertmanagerTimeIntervalUnknown from './alertmanager/time-interval-unknown';
import alertmanagerMatcherSyntax from './alertmanager/matcher-syntax';
import alertmanagerDuration from './alertmanager/duration';
import alertmanagerReceiverSettings from './alertmanager/receiver-settings';
import alertmanagerDiscoveryName from './alertmanager/discovery-name';
import alertmanagerDiscoveryPort from './alertmanager/discovery-port';
import alertmanagerDiscoveryType from './alertmanager/discovery-type';
import alertmanagerDiscoveryVip from './alertmanager/discovery-vip';
import reloadLifecycleDisabled from './reload/lifecycle-disabled';
import reloadAlertmanagerLifecycleFlag from './reload/alertmanager-lifecycle-flag';
import reloadConfigVolumeNotShared from './reload/config-volume-not-shared';
import sloObjectiveRange from './slo/objective-range';
import collectorsMetricNameInvalid from './collectors/metric-name-invalid';
import collectorsMetricNameNotLegacy from './collectors/metric-name-not-legacy';
import collectorsMetricNameDuplicate from './collectors/metric-name-duplicate';
import collectorsFamilyArguments from './collectors/family-arguments';
import collectorsLabelNameInvalid from './collectors/label-name-invalid';
import collectorsAddMetricLabelCount from './collectors/add-metric-label-count';
import collectorsRegisterAtImport from './collectors/register-at-import';
import gunicornLogconfigUndefinedHandler from './gunicorn/logconfig-undefined-handler';
import gunicornLogconfigUndefinedFormatter from './gunicorn/logconfig-undefined-formatter';
import gunicornLogconfigUndefinedFilter from './gunicorn/logconfig-undefined-filter';
import gunicornLogconfigHandlerClass from './gunicorn/logconfig-handler-class';
import gunicornLogconfigProcessorFormatter from './gunicorn/logconfig-processor-formatter';
import gunicornLogconfigInvalid from './gunicorn/logconfig-invalid';
import gunicornLogconfigDuplicateLines from './gunicorn/logconfig-duplicate-lines';
import gunicornLogconfigPrecedence from './gunicorn/logconfig-precedence';
import gunicornLogconfigVersion from './gunicorn/logconfig-version';
import gunicornWorkersOverride from './gunicorn/workers-override';
import gunicornPreloadPerWorkerPorts from './gunicorn/preload-per-worker-ports';
import djangoExportPortRangeSize from './django/export-port-range-size';
import djangoExportPortSingle from './django/export-port-single';
import djangoExportPortBoth from './django/export-port-both';
import djangoMetricsEnvDefault from './django/metrics-env-default';
import djangoRunserverNoreload from './django/runserver-noreload';
import djangoUrlsSingleEndpoint from './django/urls-single-endpoint';
/** The registry: every rule obsconf knows, in reporting order. */
export const ALL_RULES: readonly Rule[] = [
  yamlSyntax,
  templateNotChecked,
  fileSkipped,
  unknownSuppression,
  internalError,
  fieldType,
  containerPortName,
  containerPortNumber,
  containerPortDuplicate,
  containerPortNameShared,
  servicePortName,
  servicePortNumber,
  serviceTargetPort,
  serviceSelectorNoMatch,
  serviceSelectorElsewhere,
  serviceMonitorNamespace,
  serviceMonitorSelectsPods,
  serviceMonitorSelectorNoMatch,
  serviceMonitorSelectorElsewhere,
  serviceMonitorPort,
  scrapeDuration,
  podMonitorPort,
  workerUnscraped,
  workerPortNumber,
  workerPortExtra,
  workerCountOverride,
  envValueFrom,
  containerPortUndeclared,
  relabelSchema,
  relabelAction,
  relabelRequiredField,
  relabelFieldNotAllowed,
  relabelLabelName,
  relabelRegex,
  relabelRegexAnchor,
  relabelRegexUnbalanced,
  relabelReplacementGroup,
  relabelMetaLabel,
  relabelStaticTarget,
  prometheusScrapeDuration,
  composeAlertmanagerPeerAddress,
  composeAlertmanagerPeerUnknown,
  composeAlertmanagerPeerTarget,
  composeAlertmanagerPeerPort,
  composeAlertmanagerAliasShared,
  composeAlertmanagerIsolated,
  composeAlertmanagerSameNode,
  composeAlertmanagerAdvertiseAddress,
  composeVolumeUndefined,
  alertmanagerSchema,
  alertmanagerReceiverUnknown,
  alertmanagerReceiverDuplicate,
  alertmanagerRootRoute,
  alertmanagerTimeIntervalUnknown,
  alertmanagerMatcherSyntax,
  alertmanagerDuration,
  alertmanagerReceiverSettings,
  alertmanagerDiscoveryName,
  alertmanagerDiscoveryPort,
  alertmanagerDiscoveryType,
  alertmanagerDiscoveryVip,
  reloadLifecycleDisabled,
  reloadAlertmanagerLifecycleFlag,
  reloadConfigVolumeNotShared,
  sloObjectiveRange,
  collectorsMetricNameInvalid,
  collectorsMetricNameNotLegacy,
  collectorsMetricNameDuplicate,
  collectorsFamilyArguments,
  collectorsLabelNameInvalid,
  collectorsAddMetricLabelCount,
  collectorsRegisterAtImport,
  gunicornLogconfigUndefinedHandler,
  gunicornLogconfigUndefinedFormatter,
  gunicornLogconfigUndefinedFilter,
  gunicornLogconfigHandlerClass,
  gunicornLogconfigProcessorFormatter,
  gunicornLogconfigInvalid,
  gunicornLogconfigDuplicateLines,
  gunicornLogconfigPrecedence,
  gunicornLogconfigVersion,
  gunicornWorkersOverride,
  gunicornPreloadPerWorkerPorts,
  djangoExportPortRangeSize,
  djangoExportPortSingle,
  djangoExportPortBoth,
  djangoMetricsEnvDefault,
  djangoRunserverNoreload,
  djangoUrlsSingleEndpoint,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map((rule) => [rule.id, rule]));
