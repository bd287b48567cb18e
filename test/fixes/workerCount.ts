import * as assert from 'node:assert/strict';
import { planWorkerCount } from '../../server/src/engine/generators/workerCount';
import { workerTargetAt } from '../../server/src/engine/fixes/locate';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { applyDocEdits } from './apply';
import { Files, lint, uriOf } from './harness';

/** Runs "Set worker count" on the first worker container of a file and returns the edited files. */
export function setWorkerCount(files: Files, name: string, workers: number): Files {
  const { linter } = lint(files);
  const target = workerTargetAt(linter.index, uriOf(name));
  assert.ok(target, `no worker container in ${name}`);
  const result = planWorkerCount(linter.index, target, workers, DEFAULT_SETTINGS.wiring.portNamePattern);
  assert.ok(result.ok, result.message);
  return applyDocEdits(files, result.edits);
}
