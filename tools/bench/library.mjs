// The in-process comparison: bundles our engine's check into a temporary file when the engine has
// one, then runs libraryWorker.mjs (both libraries in one process) under a time limit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEngine } from './engine.mjs';
import { runCommand } from './processes.mjs';

const workerPath = fileURLToPath(new URL('./libraryWorker.mjs', import.meta.url));

/**
 * Resolves `{ labels, samples, fetches, note }`; `note` says why our side is missing, if it is.
 * `timeoutMs` bounds the whole worker run.
 */
export async function runLibraryComparison({
	root,
	folder,
	fixtures,
	schemaPath,
	runs,
	timeoutMs,
}) {
	const engine = await bundleEngine(root, folder);
	const configPath = path.join(folder, 'library-config.json');
	const config = {
		fixtures: fixtures.map(({ size, fsPath }) => ({ size, fsPath })),
		schemaPath,
		runs,
		oursBundle: engine.bundlePath ?? null,
	};
	fs.writeFileSync(configPath, JSON.stringify(config));
	const args = ['--max-old-space-size=4096', workerPath, configPath];
	const run = await runCommand(process.execPath, args, { cwd: root, timeoutMs });
	if (run.code !== 0) {
		throw new Error(`library worker failed (exit ${run.code}): ${run.stderr.trim()}`);
	}
	return { ...JSON.parse(run.stdout), note: engine.note };
}
