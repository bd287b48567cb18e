import { parse as parseYaml } from 'yaml';

/**
 * Sample rows for the models a collector iterates, so that a preview can show
 * real metric names: Django fixtures found in the workspace
 * (`<app>/fixtures/*.json|yaml`, `[{"model": "app.component", "pk": 1, "fields": {…}}]`)
 * and the obsconf samples file `.obsconf-samples.yaml`:
 *
 *   models:
 *     sla.Component:          # or just Component
 *       - name: api-gateway
 *       - name: billing
 *
 * The samples file wins over fixtures for the models it names.
 */

export const SAMPLES_FILE_NAME = '.obsconf-samples.yaml';

export interface SampleSource {
  uri: string;
  kind: 'fixture' | 'samples-file';
}

export interface ModelRows {
  /** `app_label` when the source names one (fixtures always do). */
  app?: string;
  /** The model's name, lowercased. */
  model: string;
  rows: Record<string, unknown>[];
  source: SampleSource;
}

export interface SampleProblem {
  uri: string;
  message: string;
}

/** Whether a path is a Django fixture (a file in a `fixtures` folder) that may hold sample rows. */
export function isFixturePath(pathOrUri: string): boolean {
  return /(^|[/\\])fixtures[/\\][^/\\]+\.(json|ya?ml)$/i.test(pathOrUri);
}

export function isSamplesFilePath(pathOrUri: string): boolean {
  return /(^|[/\\])\.obsconf-samples\.ya?ml$/.test(pathOrUri);
}

/** Whether a file can feed the collector preview with sample rows. */
export function isSampleSourcePath(pathOrUri: string): boolean {
  return isFixturePath(pathOrUri) || isSamplesFilePath(pathOrUri);
}

/** Reads a Django fixture (JSON or YAML): a list of `{model, pk, fields}` objects. Anything else gives no rows. */
export function parseFixture(uri: string, text: string, problems: SampleProblem[] = []): ModelRows[] {
  let data: unknown;
  try {
    data = /\.json$/i.test(uri) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    problems.push({ uri, message: `fixture is not valid ${/\.json$/i.test(uri) ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}` });
    return [];
  }
  if (!Array.isArray(data)) return [];
  const byModel = new Map<string, ModelRows>();
  for (const item of data) {
    if (!item || typeof item !== 'object') continue;
    const { model, pk, fields } = item as { model?: unknown; pk?: unknown; fields?: unknown };
    if (typeof model !== 'string' || !model.includes('.')) continue;
    const [app, name] = model.toLowerCase().split('.', 2);
    const key = `${app}.${name}`;
    let entry = byModel.get(key);
    if (!entry) byModel.set(key, (entry = { app, model: name, rows: [], source: { uri, kind: 'fixture' } }));
    const row: Record<string, unknown> = { ...(fields && typeof fields === 'object' ? (fields as Record<string, unknown>) : {}) };
    if (pk !== undefined) {
      row.pk = pk;
      if (!('id' in row)) row.id = pk;
    }
    entry.rows.push(row);
  }
  return [...byModel.values()];
}

/** Reads `.obsconf-samples.yaml`. */
export function parseSamplesFile(uri: string, text: string, problems: SampleProblem[] = []): ModelRows[] {
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    problems.push({ uri, message: `${SAMPLES_FILE_NAME} is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return [];
  }
  if (data === null || data === undefined) return [];
  const models = (data as { models?: unknown }).models;
  if (typeof data !== 'object' || !models || typeof models !== 'object' || Array.isArray(models)) {
    problems.push({ uri, message: `${SAMPLES_FILE_NAME} must have a "models" mapping: model name → list of rows.` });
    return [];
  }
  const out: ModelRows[] = [];
  for (const [key, rows] of Object.entries(models as Record<string, unknown>)) {
    if (!Array.isArray(rows)) {
      problems.push({ uri, message: `${SAMPLES_FILE_NAME}: models.${key} must be a list of rows.` });
      continue;
    }
    const parts = key.split('.');
    const model = parts[parts.length - 1].toLowerCase();
    const app = parts.length > 1 ? parts.slice(0, -1).join('.').toLowerCase() : undefined;
    const clean = rows
      .filter((r) => r && typeof r === 'object' && !Array.isArray(r))
      .map((r, i) => ({ pk: i + 1, id: i + 1, ...(r as Record<string, unknown>) }));
    out.push({ app, model, rows: clean, source: { uri, kind: 'samples-file' } });
  }
  return out;
}

/** All sample rows known in a workspace, looked up by model. */
export class SampleSet {
  private readonly entries: ModelRows[] = [];
  readonly problems: SampleProblem[] = [];

  /** Adds a sample source; `kind` forces how it is read (a `--samples` file of any name), else the path decides. */
  add(uri: string, text: string, kind?: 'fixture' | 'samples-file'): void {
    if (kind === 'samples-file' || (!kind && isSamplesFilePath(uri))) this.entries.push(...parseSamplesFile(uri, text, this.problems));
    else if (kind === 'fixture' || isFixturePath(uri)) this.entries.push(...parseFixture(uri, text, this.problems));
  }

  /** The model names (lowercased) that have rows. */
  models(): string[] {
    return [...new Set(this.entries.map((e) => e.model))];
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  /**
   * Rows for a model class: by name (case-insensitive); when several apps have a
   * model of that name, the one whose app label appears in the import path or
   * is the collector's package wins. The samples file wins over fixtures.
   */
  rowsFor(modelName: string, importPath = '', packageName?: string, collectorUri?: string): ModelRows | undefined {
    const name = modelName.toLowerCase();
    const candidates = this.entries.filter((e) => e.model === name);
    if (candidates.length === 0) return undefined;
    const pathSegments = importPath.toLowerCase().split('.').filter(Boolean);
    // Rows from a folder that holds the collector (a fixtures/ folder counts as its app's folder) beat rows from elsewhere.
    const near = (e: ModelRows) => {
      if (!collectorUri) return false;
      const folder = e.source.uri.replace(/[^/]*$/, '').replace(/fixtures\/$/, '');
      return collectorUri.startsWith(folder);
    };
    const score = (e: ModelRows) =>
      (near(e) ? 8 : 0) +
      (e.source.kind === 'samples-file' ? 4 : 0) +
      (e.app && pathSegments.includes(e.app) ? 2 : 0) +
      (e.app && packageName && e.app === packageName.toLowerCase() ? 1 : 0);
    const best = Math.max(...candidates.map(score));
    const chosen = candidates.filter((c) => score(c) === best);
    // Rows of the same model from several fixture files are merged (by pk, later files win).
    if (chosen.length === 1) return chosen[0];
    const byPk = new Map<string, Record<string, unknown>>();
    const unkeyed: Record<string, unknown>[] = [];
    for (const c of chosen) for (const row of c.rows) row.pk === undefined ? unkeyed.push(row) : byPk.set(String(row.pk), row);
    return { ...chosen[0], rows: [...byPk.values(), ...unkeyed] };
  }
}

/** The text of a new samples file for the given models and the fields the collectors read. */
export function samplesFileTemplate(models: { name: string; app?: string; fields: string[] }[]): string {
  const lines = [
    '# Sample rows for obsconf\'s collector preview: the metric names your custom',
    '# collectors render are computed from these rows (never from your database).',
    '# Each key is a Django model (`app_label.Model` or `Model`), each item a row.',
    'models:',
  ];
  if (models.length === 0) {
    lines.push('  app.Model:', '    - name: example-a', '    - name: example-b');
  }
  for (const m of models) {
    lines.push(`  ${m.app ? `${m.app}.` : ''}${m.name}:`);
    const fields = m.fields.length ? m.fields : ['name'];
    for (const example of ['example-a', 'example_b']) {
      lines.push(`    - ${fields[0]}: ${example}`);
      for (const f of fields.slice(1)) lines.push(`      ${f}: ${f === 'pk' || f === 'id' ? 1 : `"${example}-${f}"`}`);
    }
  }
  return lines.join('\n') + '\n';
}
