// One measured editor session against one server process: start, open the fixture, wait for its
// diagnostics, edit one character at the end, wait again, complete, hover, read peak memory, stop.
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { endPoints } from './generate.mjs';
import { LspConnection } from './lsp.mjs';
import { killChild, peakRssKb, spawnTracked, tail, waitForExit } from './processes.mjs';
import { clientCapabilities } from './servers.mjs';

/** Diagnostics for `uri` that are at least as new as `version` (servers may omit the version). */
function diagnosticsFor(uri, version) {
	return (params) =>
		params.uri === uri && (typeof params.version !== 'number' || params.version >= version);
}

function start(server, cwd) {
	const child = spawnTracked(process.execPath, [...(server.nodeArgs ?? []), ...server.args], {
		cwd,
	});
	const stderr = tail(child.stderr);
	const logs = [];
	const connection = new LspConnection(child, {
		onRequest: server.onRequest,
		onNotification: (message) => {
			if (message.method === 'window/logMessage' && logs.length < 200) {
				logs.push(message.params.message);
			}
		},
	});
	return { child, stderr, logs, connection };
}

async function initialize(server, connection, folder, timeoutMs) {
	const rootUri = pathToFileURL(folder).href;
	const params = {
		processId: process.pid,
		rootUri,
		workspaceFolders: [{ uri: rootUri, name: 'bench' }],
		capabilities: clientCapabilities,
		initializationOptions: server.initializationOptions,
	};
	const { ms } = await connection.request('initialize', params, timeoutMs);
	connection.notify('initialized', {});
	server.configure(connection);
	return ms;
}

async function openAndEdit(connection, fixture, text, timeoutMs) {
	const uri = pathToFileURL(fixture.fsPath).href;
	const points = endPoints(text);
	const first = connection.expect(
		'textDocument/publishDiagnostics',
		diagnosticsFor(uri, 1),
		timeoutMs,
	);
	const textDocument = { uri, languageId: 'json', version: 1, text };
	const openedAt = connection.notifyTimed('textDocument/didOpen', { textDocument });
	const opened = await first;
	const second = connection.expect(
		'textDocument/publishDiagnostics',
		diagnosticsFor(uri, 2),
		timeoutMs,
	);
	const editedAt = connection.notifyTimed('textDocument/didChange', {
		textDocument: { uri, version: 2 },
		contentChanges: [points.edit],
	});
	const edited = await second;
	return {
		uri,
		points,
		firstDiagnosticsMs: opened.at - openedAt,
		firstDiagnosticCount: opened.params.diagnostics.length,
		editDiagnosticsMs: edited.at - editedAt,
		editDiagnosticCount: edited.params.diagnostics.length,
	};
}

async function completeAndHover(connection, uri, points, timeoutMs) {
	const textDocument = { uri };
	const completion = await connection.request(
		'textDocument/completion',
		{ textDocument, position: points.completion },
		timeoutMs,
	);
	const hover = await connection.request(
		'textDocument/hover',
		{ textDocument, position: points.hover },
		timeoutMs,
	);
	const items = completion.result?.items ?? completion.result ?? [];
	return {
		completionMs: completion.ms,
		completionLabels: items.map((item) => item.label).slice(0, 20),
		hoverMs: hover.ms,
		hasHover: Boolean(hover.result?.contents),
	};
}

async function stop(connection, child) {
	try {
		await connection.request('shutdown', null, 5000);
		connection.notify('exit', null);
	} catch {
		// A server that cannot shut down politely is killed below; its numbers are already taken.
	}
	await waitForExit(child, 5000);
	killChild(child);
}

/**
 * Runs one session. `text` is the fixture's content (read once by the caller); `timeoutMs`
 * bounds each wait. Resolves the measurements; rejects with the server's stderr tail on failure.
 */
export async function runSession(server, fixture, text, { folder, timeoutMs }) {
	const { child, stderr, logs, connection } = start(server, folder);
	try {
		const initializeMs = await initialize(
			server,
			connection,
			folder,
			Math.min(timeoutMs, 60000),
		);
		const edit = await openAndEdit(connection, fixture, text, timeoutMs);
		const features = await completeAndHover(connection, edit.uri, edit.points, timeoutMs);
		const peakRss = peakRssKb(child.pid);
		await stop(connection, child);
		const { uri: _uri, points: _points, ...editResults } = edit;
		return { initializeMs, ...editResults, ...features, peakRssKb: peakRss };
	} catch (error) {
		killChild(child);
		const detail = [stderr.text.trim(), logs.slice(-5).join('\n')].filter(Boolean).join('\n');
		throw new Error(`${server.name}: ${error.message}${detail ? `\n${detail}` : ''}`);
	}
}

/** Reads a fixture once per size; sessions share the string. */
export function readFixture(fixture) {
	return fs.readFileSync(fixture.fsPath, 'utf8');
}
