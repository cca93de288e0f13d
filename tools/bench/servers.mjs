// The two language servers under test, described the same way: how to start one, what to send it
// after `initialized`, and how to answer its requests to the client.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);

/** Graph Fixtures' own server, as an editor starts it. Null (with a reason) until it is built. */
export function oursServer(root) {
	const bin = path.join(root, 'bin', 'graph-fixtures-language-server.js');
	const bundle = path.join(root, 'dist', 'server.js');
	if (!fs.existsSync(bundle)) {
		return { skip: 'dist/server.js does not exist (run `npm run bundle`)' };
	}
	return {
		name: 'ours',
		label: 'graph-fixtures-language-server',
		args: [bin, '--stdio'],
		initializationOptions: {},
		configure: () => {},
		onRequest: (method, params) => answerCommon(method, params, { graphFixtures: {} }),
	};
}

/**
 * VS Code's JSON language server 1.3.4. It may load only `file:` schemas
 * (`handledSchemaProtocols`); any other schema URI would come back to us as `vscode/content`,
 * which is refused and counted, so a run that tried the network is visible in the results.
 */
export function peerServer(schemaUri, fetchAttempts) {
	const packageJson = require.resolve('vscode-json-languageserver/package.json');
	const bin = path.join(path.dirname(packageJson), 'bin', 'vscode-json-languageserver');
	return {
		name: 'peer',
		label: `vscode-json-languageserver ${require(packageJson).version}`,
		args: [bin, '--stdio'],
		initializationOptions: { handledSchemaProtocols: ['file'], provideFormatter: false },
		configure: (connection) => {
			const settings = { http: { proxy: '', proxyStrictSSL: true }, json: { schemas: [] } };
			connection.notify('workspace/didChangeConfiguration', { settings });
			// The object form: JSON-RPC would spread an array of associations as positional params.
			connection.notify('json/schemaAssociations', { '*.json': [schemaUri] });
		},
		onRequest: (method, params) => {
			if (method === 'vscode/content') {
				fetchAttempts.push(String(params));
				throw new Error('the benchmark serves no schema content');
			}
			return answerCommon(method, params, {});
		},
	};
}

function answerCommon(method, params, sections) {
	if (method === 'workspace/configuration') {
		return params.items.map((item) => sections[item.section] ?? null);
	}
	if (method === 'workspace/workspaceFolders') {
		return [];
	}
	return null;
}

/** The client capabilities both servers get: what VS Code would announce for these features. */
export const clientCapabilities = {
	workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
	textDocument: {
		synchronization: { dynamicRegistration: false, didSave: false },
		completion: { completionItem: { snippetSupport: true } },
		hover: { contentFormat: ['markdown', 'plaintext'] },
		publishDiagnostics: { versionSupport: true },
	},
};

function constantIn(fsPath, pattern) {
	try {
		return pattern.exec(fs.readFileSync(fsPath, 'utf8'))?.[1];
	} catch {
		return undefined;
	}
}

/**
 * How long each server waits on purpose before validating (read from their sources, so the note
 * follows any change): these waits are inside the measured times.
 */
export function debounceNote(root) {
	const queue = path.join(root, 'server', 'src', 'validationQueue.ts');
	const oursMs = constantIn(queue, /\beditDebounceMs\s*=\s*(\d+)/);
	const itemMs = constantIn(queue, /\bitemEditDebounceMs\s*=\s*(\d+)/);
	const peerDir = path.dirname(require.resolve('vscode-json-languageserver/package.json'));
	const peerMs = constantIn(
		path.join(peerDir, 'out', 'jsonServer.js'),
		/validationDelayMs\s*=\s*(\d+)/,
	);
	return (
		`deliberate waits inside the times: ours debounces edits by ${oursMs ?? '?'} ms ` +
		`(editDebounceMs), or ${itemMs ?? '?'} ms when only the edited collection item is ` +
		`checked again (itemEditDebounceMs); the peer waits ${peerMs ?? '?'} ms (validationDelayMs) after every ` +
		'open and edit before it validates'
	);
}
