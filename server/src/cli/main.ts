import * as path from 'path';
import { pathToFileURL, fileURLToPath } from 'url';
import { Linter } from '../engine/linter';
import { discoverFiles, readText } from '../engine/workspace/discover';
import { sortFindings, targetRange } from '../engine/diagnostics';

/** Minimal CLI: `obsconf check [paths…]` (full reporters come with the CLI work). */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'check') {
    process.stderr.write('usage: obsconf check [paths…]\n');
    return 2;
  }
  const linter = new Linter();
  const roots = rest.length ? rest : ['.'];
  for (const root of roots) {
    for (const file of await discoverFiles(path.resolve(root))) {
      const text = await readText(file);
      if (text !== undefined) linter.setFile(pathToFileURL(file).toString(), text, 'disk');
    }
  }
  linter.run();
  let errors = 0;
  for (const uri of linter.knownUris().sort()) {
    for (const finding of sortFindings(linter.findingsFor(uri))) {
      const r = targetRange(finding.at);
      if (finding.severity === 'error') errors++;
      const file = path.relative(process.cwd(), fileURLToPath(uri));
      process.stdout.write(`${file}:${r.start.line + 1}:${r.start.character + 1} ${finding.severity} ${finding.ruleId} ${finding.message}\n`);
    }
  }
  return errors > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
