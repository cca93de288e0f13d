import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
	CodeAction,
	CompletionItem,
	Location,
	MarkupContent,
	Range,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { LspClient, fileUri, repoRoot, sharedRoot } from './lspClient';

const casesRoot = path.join(sharedRoot, 'cases');
const typeName = 'microsoft.graph.iosVppAppRevokeLicensesActionResult';

function openCase(client: LspClient, name: string): Promise<string> {
	const uri = fileUri(path.join(casesRoot, name));
	const text = fs.readFileSync(path.join(casesRoot, name), 'utf8');
	return client.open(uri, text, name.endsWith('.jsonc') ? 'jsonc' : 'json').then(() => uri);
}

function formatRange(range: Range): string {
	return `(${range.start.line},${range.start.character})-(${range.end.line},${range.end.character})`;
}

function rangeOf(item: CompletionItem): string {
	assert.ok(item.textEdit && 'range' in item.textEdit);
	return formatRange(item.textEdit.range);
}

describe('language features over stdio', () => {
	let client: LspClient;
	before(async () => {
		client = await LspClient.start();
	});
	after(async () => {
		await client.stop();
	});

	it('states its capabilities', () => {
		const capabilities = client.initializeResult?.capabilities;
		assert.ok(capabilities);
		assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
		assert.equal(capabilities.hoverProvider, true);
		assert.equal(capabilities.definitionProvider, true);
		assert.ok(capabilities.completionProvider?.triggerCharacters?.includes('"'));
		assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
		assert.equal(capabilities.positionEncoding, undefined, 'UTF-16 without negotiation');
	});

	it('completes "@od" with @odata.type over the whole key (C09)', async () => {
		const uri = await openCase(client, 'C09.json');
		const list = await client.complete(uri, { line: 1, character: 6 });
		const item = list?.items.find((candidate) => candidate.label === '@odata.type');
		assert.ok(item);
		assert.equal(rangeOf(item), '(1,2)-(1,7)');
		assert.match(item.textEdit?.newText ?? '', /^"@odata\.type": "/);
		assert.ok(list?.items.every((candidate) => String(candidate.label).startsWith('@')));
	});

	it('completes enum members with and without an opening quote (C10)', async () => {
		const uri = await openCase(client, 'C10.json');
		const states = await client.complete(uri, { line: 2, character: 17 });
		assert.equal(states?.items.length, 7);
		assert.ok(states?.items.every((item) => item.textEdit?.newText.startsWith('"')));
		const reasons = await client.complete(uri, { line: 3, character: 26 });
		assert.equal(reasons?.items.length, 5);
		assert.ok(reasons?.items.every((item) => rangeOf(item) === '(3,25)-(3,26)'));
	});

	it('leaves out keys present below a broken line (C12) and answers at the end (C14)', async () => {
		const broken = await openCase(client, 'C12.json');
		const labels = (await client.complete(broken, { line: 2, character: 6 }))?.items.map(
			(item) => item.label,
		);
		assert.ok(labels?.includes('actionFailureReason'));
		assert.ok(!labels?.includes('actionState') && !labels?.includes('actionName'));
		const end = await openCase(client, 'C14.json');
		const atEnd = await client.complete(end, { line: 3, character: 2 });
		const pastEnd = await client.complete(end, { line: 4, character: 0 });
		assert.equal(atEnd?.items.filter((item) => !String(item.label).startsWith('@')).length, 8);
		assert.deepEqual(
			pastEnd?.items.map((item) => item.label),
			atEnd?.items.map((item) => item.label),
		);
	});

	it('answers an empty list inside comments (C11)', async () => {
		const uri = await openCase(client, 'C11.jsonc');
		assert.deepEqual((await client.complete(uri, { line: 1, character: 32 }))?.items, []);
		assert.deepEqual((await client.complete(uri, { line: 3, character: 41 }))?.items, []);
	});

	it('hovers in UTF-16 columns (C01) and clamps past the line end (C02)', async () => {
		const emoji = await openCase(client, 'C01.json');
		const hover = await client.hover(emoji, { line: 2, character: 32 });
		assert.ok(hover?.range);
		assert.equal(formatRange(hover.range), '(2,31)-(2,44)');
		const crlf = await openCase(client, 'C02.json');
		const clamped = await client.hover(crlf, { line: 2, character: 200 });
		assert.ok(clamped === null || clamped.range?.end.line === 2);
	});

	it('explains an OData annotation (C29) and nothing inside a comment (C11)', async () => {
		const annotations = await openCase(client, 'C29.json');
		const hover = await client.hover(annotations, { line: 3, character: 5 });
		assert.match((hover?.contents as MarkupContent).value, /next page/);
		const comments = await openCase(client, 'C11.jsonc');
		assert.equal(await client.hover(comments, { line: 1, character: 15 }), null);
	});

	it('goes from a key to its row in the bundled page, as a file: URI', async () => {
		const uri = await openCase(client, 'C15.json');
		const location = await client.request<Location | null>('textDocument/definition', {
			textDocument: { uri },
			position: { line: 2, character: 5 },
		});
		assert.ok(location);
		const fsPath = URI.parse(location.uri).fsPath;
		assert.equal(
			fsPath,
			path.join(repoRoot, 'server', 'types', 'iosVppAppRevokeLicensesActionResult.md'),
		);
		assert.match(
			fs.readFileSync(fsPath, 'utf8').split('\n')[location.range.start.line],
			/^\|actionState\|/,
		);
	});

	it('turns the fixes in diagnostic data into quick fixes', async () => {
		const uri = 'untitled:quickfix.json';
		const text = `{ "@odata.type": "#${typeName}", "actionState": "pendng" }`;
		const [diagnostic] = await client.open(uri, text);
		const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
			textDocument: { uri },
			range: diagnostic.range,
			context: { diagnostics: [diagnostic] },
		});
		assert.equal(actions.length, 1);
		assert.equal(actions[0].isPreferred, true);
		assert.deepEqual(actions[0].edit?.changes?.[uri], [
			{ range: diagnostic.range, newText: '"pending"' },
		]);
	});

	it("offers to add the '#' to a tag without it, with no diagnostic (C23)", async () => {
		const uri = await openCase(client, 'C23.json');
		const position = { line: 1, character: 30 };
		const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
			textDocument: { uri },
			range: { start: position, end: position },
			context: { diagnostics: [] },
		});
		assert.deepEqual(
			actions.map((action) => action.title),
			[`Add '#': "#${typeName}"`],
		);
	});
});

describe('robustness over stdio', () => {
	let client: LspClient;
	before(async () => {
		client = await LspClient.start();
	});
	after(async () => {
		await client.stop();
	});

	it('answers empty results for a document that was never opened', async () => {
		const uri = 'file:///nowhere/missing.json';
		assert.deepEqual(await client.complete(uri, { line: 0, character: 0 }), {
			isIncomplete: false,
			items: [],
		});
		assert.equal(await client.hover(uri, { line: 0, character: 0 }), null);
	});

	it('answers malformed params with an empty result, one warning line without a stack, and stays up', async () => {
		const uri = 'untitled:throws.json';
		await client.open(uri, '{}');
		const hover = await client.request('textDocument/hover', {
			textDocument: { uri },
			position: null,
		});
		assert.equal(hover, null);
		assert.equal(await client.request('graphFixtures/exportSchema', { type: 42 }), null);
		assert.ok(
			client.logs.some(
				(log) =>
					log.type === 2 &&
					log.message ===
						'graphFixtures/exportSchema: type is not a string; answered null.',
			),
		);
		assert.ok(!client.logs.some((log) => log.type === 1 || log.message.includes('\n')));
		const completion = await client.complete(uri, { line: 0, character: 1 });
		assert.ok(completion && completion.items.length > 0);
	});

	it('keeps completion and hover working while tag values are being edited (C20)', async () => {
		const uri = await openCase(client, 'C20.json');
		for (const character of [21, 22, 25]) {
			await client.complete(uri, { line: 2, character });
			await client.hover(uri, { line: 2, character });
		}
		const list = await client.complete(uri, { line: 6, character: 95 });
		assert.ok(list?.items.some((item) => item.label === 'done'));
	});

	it('exits with code 0 after shutdown and exit', async () => {
		const other = await LspClient.start();
		assert.equal(await other.stop(), 0);
	});
});
