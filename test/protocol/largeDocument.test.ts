import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Position } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from './lspClient';

const itemCount = 40000;
/** Every this many items, one has an invalid actionState. */
const faultEvery = 997;

/** A collection response of about 18 MB: `itemCount` tagged objects in `value`. */
function largeFixture(): string {
	const items: string[] = [];
	for (let i = 0; i < itemCount; i++) {
		const id = String(i).padStart(6, '0');
		items.push(
			[
				'    {',
				'      "@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult",',
				`      "userId": "user-${id}-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",`,
				`      "managedDeviceId": "device-${id}-0000-1111-2222-333333333333",`,
				`      "totalLicensesCount": ${i % 50},`,
				`      "failedLicensesCount": ${i % 3},`,
				`      "actionName": "revoke the licenses of device ${i} in the test fixture",`,
				`      "actionState": "${i % faultEvery === 0 ? 'finished' : 'done'}",`,
				'      "startDateTime": "2024-03-01T10:00:00Z"',
				'    }',
			].join('\n'),
		);
	}
	const context =
		'https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.iosVppAppRevokeLicensesActionResult)';
	return `{\n  "@odata.context": "${context}",\n  "value": [\n${items.join(',\n')}\n  ]\n}\n`;
}

async function timed<T>(action: () => Promise<T>): Promise<{ result: T; ms: number }> {
	const started = performance.now();
	const result = await action();
	return { result, ms: Math.round(performance.now() - started) };
}

describe('an 18 MB document', () => {
	let client: LspClient;
	const text = largeFixture();
	const lines = text.split('\n');
	// In the last object: the value of actionState, and the key of startDateTime.
	const valuePosition: Position = { line: lines.length - 6, character: 23 };
	const keyPosition: Position = { line: lines.length - 5, character: 9 };
	const uri = 'untitled:large.json';

	before(async () => {
		client = await LspClient.start();
		await client.request('graphFixtures/listTypes');
	});
	after(async () => {
		await client.stop();
	});

	it('answers completion and hover at its end while it is validated', async (t) => {
		const published = client.diagnosticsFor(uri, 1, 120000);
		let isPublished = false;
		void published.then(() => (isPublished = true));
		const opened = await timed(() =>
			client.notify('textDocument/didOpen', {
				textDocument: { uri, languageId: 'json', version: 1, text },
			}),
		);
		const first = await timed(() => client.complete(uri, valuePosition));
		const during: number[] = [];
		while (!isPublished) {
			const { result, ms } = await timed(() => client.complete(uri, valuePosition));
			assert.equal(result?.items.length, 7);
			during.push(ms);
		}
		const diagnostics = await published;
		assert.equal(diagnostics.length, Math.ceil(itemCount / faultEvery));
		assert.equal(
			diagnostics.at(-1)?.range.start.line,
			10 * (Math.floor((itemCount - 1) / faultEvery) * faultEvery) + 10,
		);
		t.diagnostic(
			`${(text.length / 1e6).toFixed(1)} MB sent in ${opened.ms} ms; first completion (with the parse) ${first.ms} ms`,
		);
		t.diagnostic(
			`completion while validating: ${during.length} requests, slowest ${Math.max(0, ...during)} ms, median ${median(during)} ms`,
		);
	});

	it('answers completion and hover at its end in milliseconds once parsed', async (t) => {
		const completions: number[] = [];
		const hovers: number[] = [];
		for (let i = 0; i < 5; i++) {
			const completion = await timed(() => client.complete(uri, valuePosition));
			assert.equal(completion.result?.items.length, 7);
			completions.push(completion.ms);
			const hover = await timed(() => client.hover(uri, keyPosition));
			assert.ok(hover.result);
			hovers.push(hover.ms);
		}
		t.diagnostic(
			`completion median ${median(completions)} ms, hover median ${median(hovers)} ms`,
		);
	});

	it('validates again after an edit at its end', async (t) => {
		const at = { line: valuePosition.line, character: 22 };
		const started = performance.now();
		const diagnostics = client.change(uri, [
			{ range: { start: at, end: { line: at.line, character: 26 } }, text: 'fail' },
		]);
		const completion = await timed(() => client.complete(uri, valuePosition));
		const published = await diagnostics;
		assert.equal(published.length, Math.ceil(itemCount / faultEvery) + 1);
		const total = Math.round(performance.now() - started);
		t.diagnostic(
			`after an edit: completion (with the parse) ${completion.ms} ms, diagnostics ${total} ms`,
		);
	});

	it('publishes after a series of edits what a fresh open of the same text publishes', async () => {
		const editedUri = 'untitled:edited.json';
		const local = TextDocument.create(editedUri, 'json', 1, text);
		await client.open(editedUri, text);
		// Item by item (inside a value, a new member), then a break of the syntax and its repair.
		const steps: [
			fraction: number,
			find: string,
			skip: number,
			removed: number,
			text: string,
		][] = [
			[0.5, '"done"', 1, 2, 'go'],
			[0.1, '"userId"', 0, 0, '"extra": 1, '],
			[0.75, '"actionName": "', 15, 0, '"'],
			[0.75, '"actionName": ""', 15, 1, ''],
			[0.9, 'T10:00', 1, 1, 'x'],
			[0.9, 'x0:00', 0, 0, 'y'],
		];
		let edited: Diagnostic[] = [];
		for (const [fraction, find, skip, removed, inserted] of steps) {
			const current = local.getText();
			const start = current.indexOf(find, Math.floor(current.length * fraction)) + skip;
			const range = {
				start: local.positionAt(start),
				end: local.positionAt(start + removed),
			};
			TextDocument.update(local, [{ range, text: inserted }], local.version + 1);
			edited = await client.change(editedUri, [{ range, text: inserted }]);
		}
		const fresh = await client.open('untitled:fresh.json', local.getText());
		assert.ok(edited.some((diagnostic) => diagnostic.code === 'unknown-property'));
		assert.deepEqual(edited, fresh);
	});

	it('publishes after a burst of keystrokes what a fresh open of the same text publishes', async () => {
		const burstUri = 'untitled:burst.json';
		const local = TextDocument.create(burstUri, 'json', 1, text);
		await client.open(burstUri, text);
		// Typed into one item without waiting, then into two items in one burst.
		const bursts = [
			['"done"', '"done"', '"done"', '"done"'],
			['"actionName": "', '"totalLicensesCount": 1', '"actionName": "'],
		];
		let edited: Diagnostic[] = [];
		for (const burst of bursts) {
			const sent: Promise<unknown>[] = [];
			for (const [index, find] of burst.entries()) {
				const current = local.getText();
				const start =
					current.indexOf(find, Math.floor(current.length * 0.6)) + find.length - 1;
				const at = local.positionAt(start);
				const change = { range: { start: at, end: at }, text: 'x' };
				TextDocument.update(local, [change], local.version + 1);
				const isLast = index === burst.length - 1;
				sent.push(
					isLast
						? client.change(burstUri, [change])
						: client.sendChange(burstUri, [change]),
				);
			}
			edited = (await Promise.all(sent)).at(-1) as Diagnostic[];
		}
		const fresh = await client.open('untitled:burstFresh.json', local.getText());
		assert.deepEqual(edited, fresh);
	});
});

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)];
}
