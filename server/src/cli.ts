/**
 * The command-line checker: `graph-fixtures check|types|schema`. Exit status 2 for a usage
 * error or a path that cannot be read, else 1 when any file has an error, else 0.
 */
import { runCli } from './cli/main';

// A reader that stops early (`| head`) closes the pipe: stop quietly. Any other write failure
// (a full disk) is said once, without a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code !== 'EPIPE') {
		process.stderr.write(`graph-fixtures: cannot write the report: ${error.message}\n`);
		process.exit(2);
	}
	process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

runCli(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(
			`graph-fixtures: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
		);
		process.stderr.write('Please report this with the command line that caused it.\n');
		process.exitCode = 2;
	},
);
