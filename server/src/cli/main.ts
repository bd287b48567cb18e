import { version } from '../../../package.json';
import { parseArgs, USAGE } from './args';
import { EXIT_OK, EXIT_USAGE, runCheck } from './check';
import { runRelabel } from './relabel';
import { runMetrics } from './metrics';
import { runFix } from './fix';

/** `obsconf`: parses the command line, runs the check, writes the outcome and sets the exit status. */
async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'relabel') return runRelabel(argv.slice(1), process.cwd()).then((o) => (process.stdout.write(o.stdout), process.stderr.write(o.stderr), o.exitCode));
  if (argv[0] === 'metrics') return runMetrics(argv.slice(1), process.cwd()).then((o) => (process.stdout.write(o.stdout), process.stderr.write(o.stderr), o.exitCode));
  // `check --fix` applies the safe fixes first, then reports what is left.
  const fix = argv[0] === 'check' && argv.includes('--fix');
  const command = parseArgs(fix ? argv.filter((arg) => arg !== '--fix') : argv);
  switch (command.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return EXIT_OK;
    case 'version':
      process.stdout.write(`${version}\n`);
      return EXIT_OK;
    case 'usage-error':
      process.stderr.write(`obsconf: ${command.message}\nRun "obsconf --help" for usage.\n`);
      return EXIT_USAGE;
    case 'check': {
      if (fix) process.stderr.write((await runFix(command.options, process.cwd())).stderr);
      const outcome = await runCheck(command.options, process.cwd(), version);
      process.stdout.write(outcome.stdout);
      process.stderr.write(outcome.stderr);
      return outcome.exitCode;
    }
  }
}

// A reader that closes the pipe early (`obsconf check | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    // Not process.exit(): that could cut off output still queued for a pipe.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`obsconf: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
