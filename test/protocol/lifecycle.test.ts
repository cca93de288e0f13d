import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { IPCMessageReader, IPCMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { TypesLoadedParams } from '../../server/src/protocol';
import { LspClient, serverPath, sharedRoot } from './lspClient';

const brokenTag =
	'{ "@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "actionState": "x" }';

describe('server lifecycle', () => {
	it('speaks LSP over Node IPC, as VS Code starts it', async () => {
		const child = fork(serverPath, ['--node-ipc'], {
			stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
		});
		const connection = createMessageConnection(
			new IPCMessageReader(child),
			new IPCMessageWriter(child),
		);
		const published = new Promise<PublishDiagnosticsParams>((resolve) =>
			connection.onNotification('textDocument/publishDiagnostics', resolve),
		);
		connection.listen();
		try {
			const result = await connection.sendRequest<InitializeResult>('initialize', {
				processId: process.pid,
				rootUri: null,
				capabilities: {},
			});
			assert.equal(result.capabilities.hoverProvider, true);
			await connection.sendNotification('initialized', {});
			const textDocument = {
				uri: 'untitled:ipc.json',
				languageId: 'json',
				version: 1,
				text: brokenTag,
			};
			await connection.sendNotification('textDocument/didOpen', { textDocument });
			assert.equal((await published).diagnostics[0].code, 'invalid-enum-value');
			await connection.sendRequest('shutdown');
			const exited = new Promise((resolve) => child.once('exit', resolve));
			await connection.sendNotification('exit');
			assert.equal(await exited, 0);
		} finally {
			connection.dispose();
			child.kill();
		}
	});

	it('logs each source that could not be read, with what to do, and loads the others', async () => {
		const client = await LspClient.start({
			initializationOptions: { docs: ['no/such/folder'], metadata: ['none.xml'] },
		});
		try {
			const loaded = await client.waitFor<TypesLoadedParams>('graphFixtures/typesLoaded');
			assert.equal(loaded.failedSources.length, 2);
			assert.equal(loaded.typeCount, 3);
			const errors = client.logs.filter((log) => log.type === 1).map((log) => log.message);
			assert.equal(errors.length, 2);
			assert.match(
				errors[0],
				/^Could not read types from .*no\/such\/folder: .*Check the path/,
			);
			assert.match(errors[1], /none\.xml: .*Check the path/);
			assert.ok(
				client.logs.some((log) => log.type === 3 && /^Loaded 3 types/.test(log.message)),
			);
		} finally {
			await client.stop();
		}
	});

	it('logs once per load the referenced types that are not loaded, with the first ten', async () => {
		const client = await LspClient.start({
			initializationOptions: { docs: [path.join(sharedRoot, 'graph-docs')] },
		});
		try {
			const pattern = /^(\d+) referenced types are not loaded and accept any value: (.*)\./;
			const first = await client.waitFor<{ type: number; message: string }>(
				'window/logMessage',
				(params) => pattern.test(params.message),
			);
			assert.equal(first.type, 3);
			const [, count, list] = pattern.exec(first.message)!;
			assert.ok(Number(count) > 10, count);
			assert.match(
				list,
				/^([\w.]+, ){9}[\w.]+, … \(the first 10\)\. Add their reference pages/,
			);
			const again = client.waitForNext<{ message: string }>('window/logMessage', (params) =>
				pattern.test(params.message),
			);
			await client.request('graphFixtures/reloadTypes');
			assert.equal((await again).message, first.message);
			assert.equal(client.logs.filter((log) => pattern.test(log.message)).length, 2);
		} finally {
			await client.stop();
		}
	});

	it('says nothing of unloaded types when every reference resolves', async () => {
		const client = await LspClient.start();
		try {
			await client.request('graphFixtures/reloadTypes');
			await client.request('graphFixtures/listTypes');
			assert.ok(!client.logs.some((log) => /referenced types/.test(log.message)));
		} finally {
			await client.stop();
		}
	});

	it('exits with 0 after shutdown and exit, and with 1 on exit without shutdown (LSP)', async () => {
		const polite = await LspClient.start();
		assert.equal(await polite.stop(), 0);
		const abrupt = await LspClient.start();
		await abrupt.notify('exit');
		assert.equal(await abrupt.exitCode, 1);
		abrupt.kill();
	});

	it('ends when its input ends: 0 after shutdown, else 1', async () => {
		for (const [isShutDown, code] of [
			[true, 0],
			[false, 1],
		] as const) {
			const client = await LspClient.start();
			if (isShutDown) {
				await client.request('shutdown');
			}
			client.process.stdin!.end();
			assert.equal(await client.exitCode, code);
			client.kill();
		}
	});

	it('serves a client whose initialize has no capabilities object', async () => {
		const client = await LspClient.start({ capabilities: 5 as never });
		try {
			assert.equal(client.initializeResult?.capabilities.hoverProvider, true);
			const [diagnostic] = await client.open('untitled:bare.json', brokenTag);
			assert.equal(diagnostic.code, 'invalid-enum-value');
			assert.ok(
				client.logs.some((log) => log.type === 2 && /^initialize: /.test(log.message)),
			);
		} finally {
			await client.stop();
		}
	});

	it('answers a client offering UTF-8 with UTF-16 positions, and keeps to them (C01)', async () => {
		const client = await LspClient.start({
			capabilities: { general: { positionEncodings: ['utf-8', 'utf-16'] } },
		});
		try {
			assert.equal(client.initializeResult?.capabilities.positionEncoding, 'utf-16');
			const text = fs.readFileSync(path.join(sharedRoot, 'cases', 'C01.json'), 'utf8');
			const [diagnostic] = await client.open('untitled:emoji.json', text);
			assert.deepEqual(diagnostic.range, {
				start: { line: 2, character: 46 },
				end: { line: 2, character: 56 },
			});
		} finally {
			await client.stop();
		}
	});

	it('leaves documents of other languages alone', async () => {
		const client = await LspClient.start();
		try {
			const uri = 'untitled:notes.md';
			const textDocument = { uri, languageId: 'markdown', version: 1, text: brokenTag };
			await client.notify('textDocument/didOpen', { textDocument });
			assert.equal(await client.hover(uri, { line: 0, character: 80 }), null);
			const json = await client.open('untitled:after.json', brokenTag);
			assert.equal(json.length, 1);
			const published = client.notifications.filter(
				(item) => item.method === 'textDocument/publishDiagnostics',
			);
			assert.ok(
				published.every((item) => (item.params as PublishDiagnosticsParams).uri !== uri),
			);
		} finally {
			await client.stop();
		}
	});
});
