/**
 * Adversarial checks of the server's item-by-item path over LSP: a document above the size
 * where edits are followed item by item, with CRLF or lone CR line breaks, edited by many
 * ranged changes (some sent in bursts without waiting) must end with the diagnostics, hovers
 * and completions of a fresh open of the same text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from './lspClient';

const tag = '"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult"';

/** Items of every kind the fast path must settle or hand back, one per line break style. */
const itemKinds = [
	`{ ${tag}, "userId": "u-{[:]}\\"\\\\", "actionState": "done", "totalLicensesCount": 3 }`,
	`{ ${tag}, "actionState": "finished" }`,
	`{ "\\u0040odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "x": 1 }`,
	`{ "plain": [1, -0, 1.0, { "deep": [ { "a": "/* not a comment */" } ] }] }`,
	`{ ${tag}, "userId": "a", "userId": "b" }`,
	`{ ${tag}, "@odata.etag": "W/\\"1\\"", "totalLicensesCount": 12345678901234567890 }`,
	`{ "__proto__": { "x": 1 }, "constructor": null, ${tag} }`,
	`{ ${tag}, "startDateTime": "2024-02-30T10:00:00Z", "@odata.count": "3" }`,
];

/** A collection of at least `minLength` characters whose lines end with `eol`. */
function collection(minLength: number, eol: string): string {
	const items: string[] = [];
	let length = 0;
	for (let i = 0; length < minLength; i++) {
		const item = itemKinds[i % itemKinds.length].replace('"u-', `"u-${i}-`);
		items.push(item);
		length += item.length + 3;
	}
	const context = 'https://graph.microsoft.com/beta/$metadata#x';
	return [
		`{`,
		` "@odata.context": "${context}",`,
		` "value": [`,
		items.join(`,${eol}`),
		` ]`,
		`}`,
	].join(eol);
}

/** A deterministic generator, so that a failure can be replayed. */
function random(seed: number): (n: number) => number {
	let state = seed;
	return (n) => {
		state = (state * 1103515245 + 12345) & 0x7fffffff;
		return state % n;
	};
}

const inserts = [
	'x',
	'"',
	'\\',
	'}',
	'{',
	',',
	':',
	' ',
	'\r\n',
	'\r',
	'\n',
	'1.0',
	'-',
	'é',
	'😀',
	'"a": 1, ',
	'"actionState": "bad", ',
];

/** A ranged change near the middle of the text, inside an item more often than not. */
function randomChange(
	document: TextDocument,
	next: (n: number) => number,
): TextDocumentContentChangeEvent {
	const text = document.getText();
	const at = Math.floor(text.length / 3) + next(Math.floor(text.length / 3));
	const removed = next(3) === 0 ? next(4) : 0;
	return {
		range: { start: document.positionAt(at), end: document.positionAt(at + removed) },
		text: inserts[next(inserts.length)],
	};
}

describe('ranged edits of a large collection over LSP', () => {
	let client: LspClient;

	before(async () => {
		client = await LspClient.start();
		await client.request('graphFixtures/listTypes');
	});
	after(async () => {
		await client.stop();
	});

	for (const [name, eol, languageId, seed] of [
		['CRLF JSON', '\r\n', 'json', 1],
		['lone CR JSONC', '\r', 'jsonc', 2],
	] as const) {
		it(`publishes after random edits what a fresh open publishes (${name})`, async () => {
			const uri = `untitled:edited-${seed}.${languageId}`;
			const text = collection(300 * 1024, eol);
			const local = TextDocument.create(uri, languageId, 1, text);
			await client.open(uri, text, languageId);
			const next = random(seed);
			let edited: Diagnostic[] = [];
			for (let round = 0; round < 12; round++) {
				const burst = 1 + next(3);
				const sent: Promise<unknown>[] = [];
				for (let i = 0; i < burst; i++) {
					const change = randomChange(local, next);
					TextDocument.update(local, [change], local.version + 1);
					sent.push(
						i === burst - 1
							? client.change(uri, [change])
							: client.sendChange(uri, [change]),
					);
				}
				edited = (await Promise.all(sent)).at(-1) as Diagnostic[];
			}
			const freshUri = `untitled:fresh-${seed}.${languageId}`;
			const fresh = await client.open(freshUri, local.getText(), languageId);
			assert.deepEqual(edited, fresh);
			await client.close(freshUri);
			await client.close(uri);
		});
	}
});
