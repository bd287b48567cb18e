import { defineFileRule } from '../types';

export default defineFileRule({
  id: 'obsconf/file-skipped',
  severity: 'warning',
  docs: {
    summary: 'The file was too large or not text, and was skipped.',
    why: 'obsconf reads YAML text. A binary file with a .yaml name, or one larger than the configured limit, is skipped rather than risk hanging the editor; the note makes the gap visible.',
  },
  check({ file, settings, report }) {
    if (file.kind !== 'binary' && file.kind !== 'too-large') return;
    const message =
      file.kind === 'binary'
        ? 'This file contains binary data (NUL bytes or invalid UTF-8), not YAML text; it was skipped.'
        : `This file is ${size(file.text.length)}, over the ${size(settings.maxFileBytes)} limit (setting obsconf.maxFileSizeMB, or maxFileSizeMB in .obsconf.yaml); it was skipped.`;
    report({ at: { uri: file.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, message });
  },
});

function size(bytes: number): string {
  return bytes < 1048576 ? `${Math.round(bytes)} bytes` : `${(bytes / 1048576).toFixed(1)} MB`;
}
