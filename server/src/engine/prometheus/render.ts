import type { LabelSet, PreviewResult, TargetPreview } from './preview';

/** `{a="1", b="2"}` in Prometheus' notation. */
export function formatLabels(labels: LabelSet | undefined): string {
  if (!labels) return '{}';
  return `{${Object.entries(labels)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(', ')}}`;
}

function diff(before: LabelSet, after: LabelSet): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(after)) {
    if (!(name in before)) parts.push(`+${name}=${JSON.stringify(value)}`);
    else if (before[name] !== value) parts.push(`~${name}=${JSON.stringify(value)}`);
  }
  for (const name of Object.keys(before)) if (!(name in after)) parts.push(`-${name}`);
  return parts.join(' ') || 'no change';
}

function targetName(target: TargetPreview, i: number): string {
  return target.input.__address__ ? `${target.input.__address__}` : `target ${i + 1}`;
}

/** The preview as plain text (the CLI's text format). */
export function renderPreviewText(result: PreviewResult, path: string): string {
  const out: string[] = [];
  out.push(`${path}: ${result.owner} ${result.stage === 'metric' ? '(metric relabeling)' : ''}`.trimEnd());
  if (result.invalidRule !== undefined) {
    out.push(`  rule ${result.invalidRule + 1} is invalid; Prometheus refuses this configuration (run obsconf check for details)`);
    return out.join('\n') + '\n';
  }
  result.targets.forEach((target, i) => {
    const status = !target.kept ? `dropped by rule ${target.droppedBy! + 1}` : target.error ? `dropped: ${target.error}` : 'kept';
    out.push(`  ${targetName(target, i)}: ${status}`);
    if (target.kept) {
      out.push(`    after relabeling: ${formatLabels(target.afterRelabel)}`);
      if (!target.error) out.push(`    target labels:    ${formatLabels(target.final)}`);
    }
  });
  return out.join('\n') + '\n';
}

/** The preview as JSON (the CLI's json format and the editor's data). */
export function previewJson(result: PreviewResult): unknown {
  return {
    owner: result.owner,
    stage: result.stage,
    invalidRule: result.invalidRule,
    targets: result.targets.map((t) => ({
      input: t.input,
      kept: t.kept && !t.error,
      droppedBy: t.droppedBy,
      error: t.error,
      afterRelabel: t.afterRelabel,
      targetLabels: t.targetLabels,
      final: t.kept && !t.error ? t.final : undefined,
    })),
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, '\\n');

/** The step-by-step table the editor shows. */
export function renderPreviewMarkdown(result: PreviewResult, ruleTitles: string[]): string {
  const out: string[] = [`# Relabel preview: ${result.owner}`, ''];
  if (result.invalidRule !== undefined) {
    out.push(`Rule ${result.invalidRule + 1} is invalid, so Prometheus refuses this configuration; fix the diagnostics first.`);
    return out.join('\n');
  }
  result.targets.forEach((target, i) => {
    out.push(`## ${cell(targetName(target, i))}`, '');
    out.push(`Input: \`${cell(formatLabels(target.discovered))}\``, '');
    out.push('| # | rule | effect | labels after |', '|---|---|---|---|');
    for (const step of target.steps) {
      const effect = step.kept ? diff(step.before, step.after) : '**target dropped**';
      out.push(`| ${step.index + 1} | ${cell(ruleTitles[step.index] ?? '')} | ${cell(effect)} | ${step.kept ? `\`${cell(formatLabels(step.after))}\`` : ''} |`);
    }
    out.push('');
    if (!target.kept) out.push(`**Dropped by rule ${target.droppedBy! + 1}.**`);
    else if (target.error) out.push(`**Dropped after relabeling:** ${cell(target.error)}.`);
    else {
      if (target.targetLabels) out.push(`Target labels (meta labels removed, instance defaulted): \`${cell(formatLabels(target.targetLabels))}\``, '');
      out.push(`**Final labels:** \`${cell(formatLabels(target.final))}\``);
    }
    out.push('');
  });
  return out.join('\n');
}
