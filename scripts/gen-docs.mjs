// Generates docs/rules/** from the rule metadata (see gen-docs.ts).
//   node scripts/gen-docs.mjs           write the docs
//   node scripts/gen-docs.mjs --check   exit 1 when the docs on disk are out of date
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('./gen-docs.ts', import.meta.url);
process.exitCode = main(process.argv.slice(2));
