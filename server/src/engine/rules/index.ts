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
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map((rule) => [rule.id, rule]));
