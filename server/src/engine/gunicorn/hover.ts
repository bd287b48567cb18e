import { Document, isMap, isScalar, Scalar } from 'yaml';
import { runserverUse } from '../django/runserver';
import type { Span } from '../python/ast';
import { describeValue, PyVal } from '../python/dictEval';
import type { IndexedFile } from '../workspace/index';
import { gunicornConfigOf, looksLikeGunicornConfig } from './config';
import type { Emission, LineResult, LoggingModel, MergedSection } from './logging';

/**
 * Hovers of the gunicorn and Django checks, as markdown (the LSP handler only
 * adapts them): `logconfig_dict` shows the configuration gunicorn really
 * passes to dictConfig (its defaults, shallowly updated by the file) as YAML,
 * with the start verdict and where gunicorn's lines go; a django-prometheus
 * export setting that manage.py runserver reads explains --noreload.
 */
export interface HoverText {
  markdown: string;
  span: Span;
}

/** Plain data for YAML: Python values that are not data are shown as their source. */
function toData(v: PyVal, depth = 0): unknown {
  if (depth > 12) return '…';
  switch (v.k) {
    case 'str':
      return v.v;
    case 'int':
    case 'float':
      return v.v;
    case 'bool':
      return v.v;
    case 'none':
      return null;
    case 'list':
    case 'tuple':
    case 'set':
      return v.open ? [...v.items.map((i) => toData(i, depth + 1)), '…'] : v.items.map((i) => toData(i, depth + 1));
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const e of v.entries) out[e.key.k === 'str' ? e.key.v : describeValue(e.key)] = toData(e.value, depth + 1);
      if (v.open) out['…'] = 'set elsewhere';
      return out;
    }
    case 'call':
      return `${v.callee}(${v.args.map(describeValue).concat(v.kwargs.map(([k, a]) => `${k}=${describeValue(a)}`)).join(', ')})`;
    default:
      return describeValue(v);
  }
}

/** The merged configuration as YAML, sections from gunicorn's defaults marked with a comment. */
export function mergedYaml(merged: MergedSection[]): string {
  const data: Record<string, unknown> = {};
  for (const section of merged) data[section.key] = toData(section.value);
  const doc = new Document(data);
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? (pair.key as Scalar) : undefined;
      const section = merged.find((s) => s.key === key?.value);
      if (key && section?.fromDefaults) key.commentBefore = " from gunicorn's defaults";
    }
  }
  return doc.toString({ lineWidth: 0 });
}

function describeLine(name: string, line: LineResult): string {
  if (!line.known) return `- a ${name} line: not fully known (${line.emissions.map(emissionText).join('; ') || 'no handler known'})`;
  const printed = line.emissions.filter((e) => (e.to === 'stdout' || e.to === 'stderr') && !e.formatError);
  if (line.emissions.length === 0) return `- a ${name} line: not printed`;
  const twice = line.duplicatedOn ? ` — **printed twice on ${line.duplicatedOn}**` : printed.length === 0 ? ' — not printed on stdout or stderr' : '';
  return `- a ${name} line: ${line.emissions.map(emissionText).join('; ')}${twice}`;
}

function emissionText(e: Emission): string {
  const where = e.logger === 'root' ? ' via root' : e.logger.startsWith('gunicorn.') ? '' : ` via ${e.logger}`;
  return `${e.to} (\`${e.handler}\`${where}${e.formatError ? `, fails to format: ${e.formatError}` : ''})`;
}

export function verdictText(model: LoggingModel): string {
  if (model.verdict === 'fails') {
    const first = model.problems.find((p) => p.fatal);
    return `gunicorn **fails to start**: ${first?.message.replace(/^gunicorn (fails to start|refuses the config file): /, '') ?? ''}`;
  }
  if (model.verdict === 'unknown') return `Whether gunicorn starts is not known statically (${[...new Set(model.unknowns)].slice(0, 3).join('; ')}).`;
  return 'gunicorn **starts** with this configuration.';
}

/** Hover on the name `logconfig_dict` in a gunicorn config file. */
export function logconfigHover(file: IndexedFile, offset: number): HoverText | undefined {
  if (file.kind !== 'python' || !file.text.includes('logconfig_dict') || !looksLikeGunicornConfig(file.uri, file.text)) return undefined;
  const config = gunicornConfigOf(file);
  const binding = config.module.bindings('logconfig_dict').find((b) => b.target.from <= offset && offset <= b.target.to);
  if (!binding) return undefined;
  const model = config.logging();
  const lines: string[] = [];
  if (!model.merged) {
    lines.push(
      model.uses === 'unknown' ? '**logconfig_dict**: its value is not known statically.' : '**logconfig_dict** is empty (or not a dict), so gunicorn does not use it and keeps its own handlers.',
      '',
      verdictText(model),
    );
  } else {
    lines.push(
      '**logconfig_dict as gunicorn uses it**: gunicorn\'s `CONFIG_DEFAULTS` updated with this dict (`dict.update`, so each top-level key replaces a whole section), passed to `logging.config.dictConfig`.',
      '',
      '```yaml',
      mergedYaml(model.merged).trimEnd(),
      '```',
      '',
      verdictText(model),
    );
  }
  if (model.verdict !== 'fails') lines.push('', describeLine('gunicorn.error', model.lines.error), describeLine('gunicorn.access', model.lines.access));
  return { markdown: lines.join('\n'), span: binding.target };
}

/** Hover on PROMETHEUS_METRICS_EXPORT_PORT(_RANGE) in the settings manage.py uses: the runserver caveat. */
export function runserverHover(file: IndexedFile, offset: number, manageFiles: Iterable<IndexedFile>): HoverText | undefined {
  const use = runserverUse(file, manageFiles);
  if (!use) return undefined;
  const target = use.setting.binding.target;
  if (offset < target.from || offset > target.to) return undefined;
  return {
    span: target,
    markdown: [
      `**${use.setting.name}** starts django-prometheus' port exporter when Django loads.`,
      '',
      `\`${use.manageLabel}\` uses these settings (\`${use.module}\`), so \`manage.py runserver\` loads them too. Under Django's autoreloader the project runs twice, and the exporter refuses to start: *"The thread-based exporter can't be safely used when django's autoreloader is active. Use the URL exporter, or start django with --noreload."*`,
      '',
      'Run the development server with',
      '',
      '```sh',
      'python manage.py runserver --noreload',
      '```',
      '',
      'or keep the export setting out of the development settings.',
    ].join('\n'),
  };
}
