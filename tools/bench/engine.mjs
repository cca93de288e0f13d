// Our engine's in-process check, bundled with esbuild into a temporary CommonJS file that
// exports `createChecker()` and `label`, so libraryWorker.mjs can time it beside the 5.x library.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The engine pieces the adapter needs: file (under server/src) and the text that must be in it. */
const required = [
	['service/index.ts', 'export function doValidation('],
	['service/index.ts', 'Validator'],
	['sources/typeSources.ts', 'export async function loadTypes'],
];

/**
 * The equivalent of the peer's `parseJSONDocument` + `doValidation`: parse, validate with the
 * type model (loaded once, untimed, like the peer's compiled schema), and turn every problem's
 * offsets into LSP positions, which the peer's diagnostics carry too.
 */
const adapterSource = `
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Validator, doValidation } from './server/src/service';
import { loadTypes } from './server/src/sources/typeSources';

export const label = 'graph-fixtures engine (service doValidation)';

export function createChecker() {
	const ready = loadTypes({ docs: [], metadata: [] }).then((loaded) => new Validator(loaded.model));
	const settings = {
		apiVersion: 'beta',
		syntaxErrors: true,
		onlyTagged: false,
		allowComments: false,
		maxFileSize: 50 * 1024 * 1024,
	};
	let version = 0;
	return async (text, uri) => {
		const validator = await ready;
		const document = TextDocument.create(uri, 'json', ++version, text);
		const problems = doValidation(validator, text, settings);
		for (const problem of problems) {
			document.positionAt(problem.offset);
			document.positionAt(problem.offset + problem.length);
		}
		return problems.length;
	};
}
`;

/** Why the adapter cannot be built against the engine as it is, or undefined when it can. */
export function engineMissing(root) {
	for (const [file, text] of required) {
		const fsPath = path.join(root, 'server', 'src', file);
		if (!fs.existsSync(fsPath) || !fs.readFileSync(fsPath, 'utf8').includes(text)) {
			return `server/src/${file} has no \`${text.replace('(', '')}\` yet`;
		}
	}
	return undefined;
}

/** Resolves `{ bundlePath, note }`, or `{ note }` saying why our side cannot run. */
export async function bundleEngine(root, folder) {
	const missing = engineMissing(root);
	if (missing) {
		return { note: missing };
	}
	const bundlePath = path.join(folder, 'engine.cjs');
	try {
		await esbuild.build({
			stdin: {
				contents: adapterSource,
				resolveDir: root,
				sourcefile: 'benchEngine.ts',
				loader: 'ts',
			},
			outfile: bundlePath,
			absWorkingDir: root,
			bundle: true,
			platform: 'node',
			target: 'node20',
			format: 'cjs',
			logLevel: 'silent',
			// As tools/bundle.mjs builds dist/: jsonc-parser's ESM build (its UMD entry requires
			// its parts dynamically), and the defines the server's sources expect.
			alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
			define: {
				PACKAGE_VERSION: JSON.stringify('bench'),
				'import.meta.url': 'importMetaUrl',
				// The bundled page is looked up from the bundle's folder, as from dist/.
				__dirname: JSON.stringify(path.join(root, 'dist')),
			},
			banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
		});
	} catch (error) {
		const first = error.errors?.[0];
		const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
		const reason = first ? `${where}${first.text}` : error.message.split('\n')[0];
		return { note: `esbuild could not bundle the engine: ${reason}` };
	}
	return { bundlePath, note: undefined };
}
