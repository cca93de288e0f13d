// Our engine's in-process check, bundled with esbuild into a temporary CommonJS file that
// exports `createChecker()` and `label`, so libraryWorker.mjs can time it beside the 5.x library.
import * as fs from 'node:fs';
import * as path from 'node:path';

const serviceDir = path.join('server', 'src', 'service');

/** The service file exporting `doValidation`, or undefined while the engine has none. */
export function findValidationEntry(root) {
	const dir = path.join(root, serviceDir);
	if (!fs.existsSync(dir)) {
		return undefined;
	}
	const files = fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.ts'))
		.sort();
	const pattern = /export\s+(async\s+)?function\s+doValidation\b/;
	return files.find((name) => pattern.test(fs.readFileSync(path.join(dir, name), 'utf8')));
}

/** Resolves `{ bundlePath }`, or `{ note }` saying why our side cannot run yet. */
export async function bundleEngine(root, _folder) {
	const entry = findValidationEntry(root);
	if (!entry) {
		return { note: `no \`doValidation\` exported from ${serviceDir}/ yet` };
	}
	return { note: `${serviceDir}/${entry} exports doValidation: adapter not written yet` };
}
