// The command-line checker, timed as a user meets it: wall time of whole processes. Throughput of
// `check` on the generated fixtures, and how long `types` takes to load the shared reference pages
// and each CSDL document (net of a bare `types` run, which loads only the bundled page).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCommand } from './processes.mjs';

function cliPath(root) {
	return path.join(root, 'bin', 'graph-fixtures.js');
}

/** Why the CLI cannot be timed, or undefined when it can. */
export function cliMissing(root) {
	return fs.existsSync(path.join(root, 'dist', 'cli.js'))
		? undefined
		: 'dist/cli.js does not exist';
}

function countDiagnostics(stdout) {
	try {
		return JSON.parse(stdout).reduce((sum, entry) => sum + entry.diagnostics.length, 0);
	} catch {
		return null;
	}
}

/**
 * `check --format json FILE` per fixture and run. JSON output is used so that the number of
 * diagnostics can be checked against the faults; exit status 1 (errors found) is expected.
 */
export async function runCliThroughput({ root, fixtures, runs, timeoutMs }) {
	const missing = cliMissing(root);
	if (missing) {
		return { samples: [], note: missing };
	}
	const samples = [];
	for (const fixture of fixtures) {
		for (let run = 0; run < runs; run++) {
			const args = [cliPath(root), 'check', '--format', 'json', fixture.fsPath];
			const result = await runCommand(process.execPath, args, { cwd: root, timeoutMs });
			if (result.code !== 0 && result.code !== 1) {
				throw new Error(
					`check ${fixture.size} exited ${result.code}: ${result.stderr.trim()}`,
				);
			}
			const mbPerS = fixture.bytes / 1e6 / (result.ms / 1000);
			const diagnosticCount = countDiagnostics(result.stdout);
			samples.push({ size: fixture.size, run, ms: result.ms, mbPerS, diagnosticCount });
		}
	}
	return { samples, note: undefined };
}

/** The load cases: a bare run first, as the baseline the others are measured against. */
export function loadCases(root) {
	const shared = path.resolve(root, '..', 'shared');
	const csdl = path.join(shared, 'csdl');
	const metadata = fs.existsSync(csdl)
		? fs.readdirSync(csdl).filter((n) => n.endsWith('.xml'))
		: [];
	return [
		{ name: 'bundled', args: [] },
		{
			name: 'graph-docs',
			args: ['--docs', path.relative(root, path.join(shared, 'graph-docs'))],
		},
		...metadata.sort().map((name) => ({
			name: name.replace(/_metadata.*$/, ' CSDL'),
			args: ['--metadata', path.relative(root, path.join(csdl, name))],
		})),
	];
}

function unsupported(result) {
	const text = result.stderr.toLowerCase();
	return result.code === 2 && /unknown option|unknown command|unknown argument/.test(text);
}

async function timeLoad(root, loadCase, timeoutMs) {
	const args = [cliPath(root), 'types', ...loadCase.args];
	const result = await runCommand(process.execPath, args, { cwd: root, timeoutMs });
	if (unsupported(result)) {
		return { skip: `\`types ${loadCase.args[0]}\` is not supported yet` };
	}
	if (result.code !== 0) {
		return {
			skip: `\`types ${loadCase.args.join(' ')}\` exited ${result.code}: ${result.stderr.trim().split('\n')[0]}`,
		};
	}
	const typeCount = result.stdout.split('\n').filter((line) => line.trim()).length;
	return { ms: result.ms, typeCount };
}

/** Times each load case per run, in turn; a case the CLI does not support is skipped with a note. */
export async function runLoadTimes({ root, runs, timeoutMs }) {
	const missing = cliMissing(root);
	if (missing) {
		return { samples: [], notes: [missing] };
	}
	const cases = loadCases(root);
	const skipped = new Map();
	const samples = [];
	for (let run = 0; run < runs; run++) {
		for (const loadCase of cases.filter((c) => !skipped.has(c.name))) {
			const result = await timeLoad(root, loadCase, timeoutMs);
			if (result.skip) {
				skipped.set(loadCase.name, result.skip);
			} else {
				samples.push({ name: loadCase.name, run, ...result });
			}
		}
	}
	return { samples, notes: [...skipped.values()] };
}
