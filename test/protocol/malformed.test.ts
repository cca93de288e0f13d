/**
 * Messages a client got wrong, sent raw over stdio as a careless client would: every request
 * answers its empty result (never an internal error), every fault is one warning line without
 * a stack, and the documents stay as they were.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from './lspClient';

const brokenTag =
	'{ "@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "actionState": "x" }';
const uri = 'untitled:open.json';
const at = { textDocument: { uri }, position: { line: 0, character: 80 } };
const emptyList = { isIncomplete: false, items: [] };

/** Log lines of one type (2 = warning) that mention `text`. */
function logLines(client: LspClient, type: number, text: string): string[] {
	return client.logs
		.filter((log) => log.type === type && log.message.includes(text))
		.map((log) => log.message);
}

describe('malformed requests', () => {
	let client: LspClient;
	before(async () => {
		client = await LspClient.start();
		await client.open(uri, brokenTag);
	});
	after(async () => {
		await client.stop();
	});

	it('answers the empty result to params that are null, missing or positional (hover with params: null)', async () => {
		const cases: [method: string, empty: unknown][] = [
			['textDocument/hover', null],
			['textDocument/completion', emptyList],
			['textDocument/definition', null],
			['textDocument/codeAction', []],
			['graphFixtures/exportSchema', null],
			['graphFixtures/skeleton', null],
		];
		for (const [method, empty] of cases) {
			for (const params of [null, undefined, [at, at], 5]) {
				const response = await client.rawRequest(method, params);
				assert.equal(response.error, undefined, `${method} ${JSON.stringify(params)}`);
				assert.deepEqual(response.result, empty, `${method} ${JSON.stringify(params)}`);
			}
		}
	});

	it('answers the empty result to params with missing or mistyped fields', async () => {
		const cases: [method: string, params: unknown, empty: unknown][] = [
			['textDocument/hover', { textDocument: { uri } }, null],
			['textDocument/hover', { ...at, position: { line: -1, character: 0 } }, null],
			[
				'textDocument/completion',
				{ textDocument: { uri: 5 }, position: at.position },
				emptyList,
			],
			['textDocument/definition', { ...at, position: { line: 0.5, character: 0 } }, null],
			['textDocument/codeAction', { textDocument: { uri }, range: null }, []],
			[
				'textDocument/codeAction',
				{
					...at,
					range: { start: at.position, end: at.position },
					context: { diagnostics: [null] },
				},
				[],
			],
			['graphFixtures/exportSchema', { type: {} }, null],
		];
		for (const [method, params, empty] of cases) {
			const response = await client.rawRequest(method, params);
			assert.deepEqual(response, { jsonrpc: '2.0', id: response.id, result: empty }, method);
		}
	});

	it('logs one warning line per method and fault, without a stack, and keeps serving', async () => {
		for (let i = 0; i < 3; i++) {
			await client.rawRequest('textDocument/hover', null);
		}
		const lines = logLines(client, 2, 'textDocument/hover: params are null');
		assert.deepEqual(lines, [
			'textDocument/hover: params are null, not an object; answered null.',
		]);
		const warnings = client.logs.filter((log) => log.type === 2).map((log) => log.message);
		assert.ok(
			warnings.length > 0 && warnings.every((line) => !line.includes('\n')),
			warnings.join('\n'),
		);
		assert.deepEqual(
			client.logs.filter((log) => log.type === 1),
			[],
		);
		assert.notEqual(await client.hover(uri, at.position), null);
	});

	it('answers a request without params that needs none', async () => {
		const response = await client.rawRequest('graphFixtures/listTypes');
		assert.equal((response.result as { types: unknown[] }).types.length, 3);
	});
});

describe('malformed document notifications', () => {
	let client: LspClient;
	before(async () => {
		client = await LspClient.start();
	});
	after(async () => {
		await client.stop();
	});

	it('ignores a didOpen whose text is null or a number, with one warning naming the method and the document', async () => {
		for (const [name, text] of [
			['null', null],
			['number', 5],
		] as const) {
			const bad = `untitled:${name}.json`;
			client.rawNotify('textDocument/didOpen', {
				textDocument: { uri: bad, languageId: 'json', version: 1, text },
			});
			assert.equal(await client.hover(bad, { line: 0, character: 0 }), null);
			assert.deepEqual(logLines(client, 2, bad), [
				`textDocument/didOpen for ${bad}: text is ${String(text)}, not a string; the document was ignored.`,
			]);
		}
		assert.equal(await client.open('untitled:fine.json', brokenTag).then((d) => d.length), 1);
		assert.deepEqual(
			client.logs.filter((log) => log.type === 1),
			[],
		);
	});

	it('ignores a didChange with garbage changes as a whole, and keeps the previous text', async () => {
		const doc = 'untitled:changed.json';
		await client.open(doc, brokenTag);
		const end = { line: 0, character: brokenTag.length };
		const garbage = [
			[{ text: '{}' }, { text: 5 }],
			[{ range: { start: end, end: { line: 'x', character: 0 } }, text: '' }],
			null,
		];
		for (const [index, contentChanges] of garbage.entries()) {
			client.rawNotify('textDocument/didChange', {
				textDocument: { uri: doc, version: 2 + index },
				contentChanges,
			});
		}
		// Version 5 edits the original text: it only fits if none of the garbage was applied.
		const fixed = brokenTag.indexOf('"x"');
		const published = client.diagnosticsFor(doc, 5);
		client.rawNotify('textDocument/didChange', {
			textDocument: { uri: doc, version: 5 },
			contentChanges: [
				{
					range: {
						start: { line: 0, character: fixed },
						end: { line: 0, character: fixed + 3 },
					},
					text: '"failed"',
				},
			],
		});
		assert.deepEqual(await published, []);
		const warnings = logLines(client, 2, `textDocument/didChange for ${doc}`);
		assert.equal(warnings.length, 3, warnings.join('\n'));
		assert.ok(warnings.every((line) => line.endsWith('until the document is reopened.')));
	});
});
