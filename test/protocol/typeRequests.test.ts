import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ListTypesResult, TypesLoadedParams } from '../../server/src/protocol';
import { LspClient } from './lspClient';

const typeName = 'microsoft.graph.iosVppAppRevokeLicensesActionResult';

describe('custom requests', () => {
	let client: LspClient;
	before(async () => {
		client = await LspClient.start();
	});
	after(async () => {
		await client.stop();
	});

	it('reloads the types on request and answers when done', async () => {
		// The start-up load (begun at initialize) has sent its own notification once this answers.
		await client.request<ListTypesResult>('graphFixtures/listTypes');
		const notified = client.waitForNext<TypesLoadedParams>('graphFixtures/typesLoaded');
		const answer = await client.request<TypesLoadedParams>('graphFixtures/reloadTypes');
		assert.equal(answer.typeCount, 3);
		assert.deepEqual(await notified, answer);
		assert.ok(client.logs.some((log) => /^Loaded 3 types/.test(log.message)));
	});

	it('lists every type with its kind and description, sorted', async () => {
		const { types } = await client.request<ListTypesResult>('graphFixtures/listTypes');
		assert.deepEqual(
			types.map((type) => `${type.kind} ${type.name}`),
			[
				'enum microsoft.graph.actionState',
				`structured ${typeName}`,
				'enum microsoft.graph.vppTokenActionFailureReason',
			],
		);
	});

	it('exports the JSON Schema of a structured type, and null for others', async () => {
		const schema = await client.request<{ properties: Record<string, unknown> } | null>(
			'graphFixtures/exportSchema',
			{
				type: `#${typeName}`,
			},
		);
		assert.ok(schema?.properties.actionState);
		assert.equal(
			await client.request('graphFixtures/exportSchema', {
				type: 'microsoft.graph.actionState',
			}),
			null,
		);
	});

	it('writes a fixture skeleton for a type', async () => {
		const text = await client.request<string | null>('graphFixtures/skeleton', {
			type: typeName,
		});
		assert.equal(typeof text, 'string');
		assert.equal(
			(JSON.parse(text as string) as Record<string, unknown>)['@odata.type'],
			`#${typeName}`,
		);
		assert.equal(
			await client.request('graphFixtures/skeleton', { type: 'nope.nothing' }),
			null,
		);
	});
});
