/**
 * Adversarial checks over LSP of this session's fast paths: items checked while parsed (at
 * the version of the settings, then read again when `apiVersion` changes), the server's kept
 * UTF-8 length at the exact size limit, and positions counted without a line index. Each
 * ends compared with a fresh open of the same text under the same settings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from './lspClient';

const event = '"@odata.type": "#microsoft.graph.event"';

/** Items whose problems depend on the API version, with no context to name it. */
const itemKinds = [
	`{ ${event}, "hideAttendees": true, "subject": "s\\u00e9" }`,
	`{ ${event}, "isOnlineMeeting": true, "importance": "HIGH" }`,
	'{ "plain": [1, -0, 1E+2, { "deep": [ {} ] }], "k\\"ey": "\\ud83d\\ude00" }',
	`{ ${event}, "cancelledOccurrences": [], "@odata.etag": 5 }`,
	'{ "a": 1, "a": 2 }',
	`{ "list": [{ ${event}, "hideAttendees": false }] }`,
];

function collection(count: number, context: string): string {
	const items = Array.from({ length: count }, (_, i) => itemKinds[i % itemKinds.length]);
	const head = context === '' ? '' : `"@odata.context": "${context}",\n`;
	return `{\n${head}"value": [\n${items.join(',\n')}\n]\n}\n`;
}

function changeAt(document: TextDocument, offset: number, removed: number, text: string) {
	const start = document.positionAt(offset);
	const end = document.positionAt(offset + removed);
	const change: TextDocumentContentChangeEvent = { range: { start, end }, text };
	TextDocument.update(document, [change], document.version + 1);
	return change;
}

describe('items checked while parsed, over LSP', () => {
	let client: LspClient;
	let section: Record<string, unknown> = { apiVersion: 'v1.0' };

	before(async () => {
		client = await LspClient.start({
			configuration: (name) => (name === 'graphFixtures' ? section : null),
		});
		await client.request('graphFixtures/listTypes');
	});
	after(async () => {
		await client.stop();
	});

	async function fresh(uri: string, text: string): Promise<Diagnostic[]> {
		const diagnostics = await client.open(uri, text);
		await client.close(uri);
		return diagnostics;
	}

	it('publish after edits and an apiVersion change what a fresh open publishes', async () => {
		section = { apiVersion: 'v1.0' };
		const uri = 'untitled:checked-while-parsed.json';
		const local = TextDocument.create(uri, 'json', 1, collection(3000, ''));
		const first = await client.open(uri, local.getText());
		assert.deepEqual(first, await fresh('untitled:fresh-a.json', local.getText()));
		// Edits before the collection move every item; one inside an item builds it.
		await client.change(uri, [changeAt(local, 2, 0, '"x": 1,\n')]);
		const inside = local.getText().indexOf('"s\\u00e9"') + 2;
		await client.change(uri, [changeAt(local, inside, 0, '😀')]);
		section = { apiVersion: 'beta' };
		const revalidated = client.diagnosticsFor(uri);
		await client.notify('workspace/didChangeConfiguration', { settings: null });
		const afterChange = await revalidated;
		assert.ok(afterChange.length > 0);
		assert.deepEqual(afterChange, await fresh('untitled:fresh-b.json', local.getText()));
		const edited = await client.change(uri, [changeAt(local, 2, 8, '')]);
		assert.deepEqual(edited, await fresh('untitled:fresh-c.json', local.getText()));
		await client.close(uri);
	});

	it('publish what a fresh open publishes when an edit adds the context', async () => {
		section = { apiVersion: 'v1.0' };
		const uri = 'untitled:context-added.json';
		const local = TextDocument.create(uri, 'json', 1, collection(1200, ''));
		await client.open(uri, local.getText());
		const context = '"@odata.context": "https://graph.microsoft.com/beta/$metadata#x",\n';
		const edited = await client.change(uri, [changeAt(local, 2, 0, context)]);
		assert.deepEqual(edited, await fresh('untitled:fresh-d.json', local.getText()));
		await client.close(uri);
	});
});

describe('the size limit after multi-byte edits, over LSP', () => {
	const limit = 4000;
	let client: LspClient;

	before(async () => {
		client = await LspClient.start({
			configuration: (name) => (name === 'graphFixtures' ? { maxFileSize: limit } : null),
		});
		await client.request('graphFixtures/listTypes');
	});
	after(async () => {
		await client.stop();
	});

	function codes(diagnostics: Diagnostic[]): string[] {
		return diagnostics.map((each) => String(each.code));
	}

	it('follows the UTF-8 length byte for byte through edits at the limit', async () => {
		const uri = 'untitled:at-the-limit.json';
		// Exactly `limit` bytes: a two-byte é and a four-byte emoji among ASCII.
		const body = '"é😀"';
		const pad = ' '.repeat(limit - Buffer.byteLength(`[${body}]`));
		const local = TextDocument.create(uri, 'json', 1, `[${body}${pad}]`);
		assert.equal(Buffer.byteLength(local.getText()), limit);
		assert.deepEqual(codes(await client.open(uri, local.getText())), []);
		const at = local.getText().indexOf('😀');
		const split = await client.change(uri, [changeAt(local, at + 1, 0, 'x')]);
		assert.equal(Buffer.byteLength(local.getText()) > limit, true);
		assert.deepEqual(codes(split), ['not-checked']);
		const joined = await client.change(uri, [changeAt(local, at + 1, 1, '')]);
		assert.deepEqual(codes(joined), []);
		const space = local.getText().indexOf('  ');
		const over = await client.change(uri, [changeAt(local, space, 1, 'é')]);
		assert.deepEqual(codes(over), ['not-checked']);
		assert.match(over[0].message, /4,?001/);
		const back = await client.change(uri, [changeAt(local, space, 1, ' ')]);
		assert.deepEqual(codes(back), []);
		await client.close(uri);
	});
});
