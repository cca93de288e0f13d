/**
 * Start-up: the types named in the initialization options start loading while the server
 * answers `initialize`, yet nothing is asked of the client before that answer (VS Code's
 * client refuses such requests, and a refused progress report once failed the whole load).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TypesLoadedParams } from '../../server/src/protocol';
import { graphDocs } from '../helpers/engine';
import { LspClient } from './lspClient';

describe('start-up with sources in the initialization options', () => {
	let client: LspClient;
	let loaded: Promise<TypesLoadedParams>;
	before(async () => {
		client = await LspClient.start({
			initializationOptions: { docs: [graphDocs] },
			capabilities: { window: { workDoneProgress: true } },
		});
		loaded = client.waitFor<TypesLoadedParams>('graphFixtures/typesLoaded');
	});
	after(async () => {
		await client.stop();
	});

	it('loads the pages and asks the client nothing before answering initialize', async () => {
		assert.ok((await loaded).pageCount > 500);
		assert.deepEqual(client.earlyRequests, []);
	});

	it('shows the progress of that load once the client is initialized', () => {
		const kinds = client.notifications
			.filter((item) => item.method === '$/progress')
			.map((item) => (item.params as { value: { kind: string } }).value.kind);
		assert.ok(kinds.includes('begin') && kinds.includes('end'), kinds.join());
	});
});
