/**
 * The server's document must answer exactly as vscode-languageserver-textdocument's does:
 * the same texts, positions, offsets and line ranges after any sequence of ranged and whole
 * changes, with '\n', '\r\n' and a lone '\r' as line breaks, and with positions outside the
 * text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../server/src/service';
import { IndexedDocument } from '../../server/src/textDocument';

const piece = fc.constantFrom('a', 'bc', '{"x": 1}', '\n', '\r\n', '\r', '\n\r', '😀', ' ', '');
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
/**
 * A change as a client sends it: a range inside the text (given here as two offsets, either
 * way round), or a whole text. Outside the text the library's own line index goes wrong (a
 * range starting past the last line leaves it a line too long), so only queries go there.
 */
interface ChangeSpec {
	from: number;
	to: number;
	text: string;
	isWhole: boolean;
}
const change: fc.Arbitrary<ChangeSpec> = fc.record({
	from: fc.nat(60),
	to: fc.nat(60),
	text,
	isWhole: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
});

function toEvent(document: TextDocument, spec: ChangeSpec): TextDocumentContentChangeEvent {
	if (spec.isWhole) {
		return { text: spec.text };
	}
	const length = document.getText().length;
	const start = document.positionAt(Math.min(spec.from, length));
	const end = document.positionAt(Math.min(spec.to, length));
	return { range: { start, end }, text: spec.text };
}

function assertSame(ours: IndexedDocument, theirs: TextDocument, probes: number[]): void {
	assert.equal(ours.getText(), theirs.getText());
	assert.equal(ours.lineCount, theirs.lineCount);
	assert.equal(ours.version, theirs.version);
	assert.equal(ours.utf8Length, Buffer.byteLength(theirs.getText(), 'utf8'), 'UTF-8 length');
	for (const offset of probes) {
		const at = ours.positionAt(offset);
		assert.deepEqual(at, theirs.positionAt(offset), `positionAt(${offset})`);
		assert.equal(ours.offsetAt(at), theirs.offsetAt(at));
	}
	for (let line = -1; line <= theirs.lineCount; line++) {
		for (let character = -1; character < 6; character++) {
			const where = { line, character };
			assert.equal(ours.offsetAt(where), theirs.offsetAt(where), JSON.stringify(where));
		}
		assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line));
		assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line));
	}
}

describe('the server document', () => {
	it('answers as the library document does after any changes', () => {
		fc.assert(
			fc.property(
				text,
				fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 6 }),
				fc.array(fc.integer({ min: -2, max: 60 }), { maxLength: 12 }),
				(initial, batches, probes) => {
					const ours = new IndexedDocument('file:///t.json', 'json', 1, initial);
					let theirs = TextDocument.create('file:///t.json', 'json', 1, initial);
					// Half the runs build the line index before the first change, half after.
					if (probes.length % 2 === 0) {
						assertSame(ours, theirs, probes);
					}
					let version = 1;
					for (const specs of batches) {
						version++;
						// Each change's range is in the text the changes before it left.
						// (update changes a library document in place: a copy keeps `theirs` as it was.)
						let scratch = TextDocument.create(
							'file:///s.json',
							'json',
							0,
							theirs.getText(),
						);
						const batch = specs.map((spec) => {
							const event = toEvent(scratch, spec);
							scratch = TextDocument.update(scratch, [event], version);
							return event;
						});
						ours.update(batch, version);
						theirs = TextDocument.update(theirs, batch, version);
						assertSame(ours, theirs, probes);
					}
				},
			),
			{ numRuns: 1000 },
		);
	});

	it('finds many positions at once as the library finds each, with or without an index', () => {
		fc.assert(
			fc.property(
				text,
				fc.array(fc.integer({ min: -2, max: 60 }), { maxLength: 20 }),
				fc.boolean(),
				(content, offsets, isIndexed) => {
					const ours = new IndexedDocument('file:///t.json', 'json', 1, content);
					const theirs = TextDocument.create('file:///t.json', 'json', 1, content);
					if (isIndexed) {
						ours.positionAt(0);
					}
					const expected = offsets.map((offset) => theirs.positionAt(offset));
					assert.deepEqual(ours.positionsAt(offsets), expected);
					// Counting left the index to be built by the next question, which agrees.
					assert.deepEqual(
						offsets.map((offset) => ours.positionAt(offset)),
						expected,
					);
				},
			),
			{ numRuns: 1000 },
		);
	});

	it('finds positions as the library does when it takes the line breaks a parse counted', () => {
		// Collections written every way: items on one line or many, blank lines, a comment or a
		// broken item (which the parse reads without counting), and a '\r' in some.
		const gap = fc.constantFrom('', ' ', '\n', '\n\t\t', '\n\n  ', '\r\n', '\t');
		const item = fc.oneof(
			fc
				.tuple(gap, gap, gap, fc.constantFrom('"a"', '1', 'null', '"😀\\n"'))
				.map(([a, b, c, value]) => `{${a}"x":${b}${value},${c}"y": [1,${a}2]}`),
			fc.constantFrom('{"x": 1 /* note\n */}', '{"x": "a\nb"}', '{"x" 1}', '[1,\n2]'),
		);
		const collection = fc
			.tuple(fc.array(fc.tuple(item, gap), { minLength: 1, maxLength: 8 }), gap)
			.map(([items, end]) => `{"value": [${items.map(([i, g]) => i + g).join(',')}]${end}}`);
		let withBreaks = 0;
		fc.assert(
			fc.property(
				collection,
				fc.array(fc.integer({ min: -2, max: 400 }), { maxLength: 24 }),
				(content, offsets) => {
					const json = parseDocument(content, true);
					const counted = json.countedBreaks ?? [];
					if (counted.some((value, index) => index % 4 === 2 && value > 0)) {
						withBreaks++;
					}
					const ours = new IndexedDocument('file:///t.json', 'json', 1, content);
					ours.noteCountedBreaks(json.text, json.countedBreaks ?? []);
					const theirs = TextDocument.create('file:///t.json', 'json', 1, content);
					const expected = offsets.map((offset) => theirs.positionAt(offset));
					assert.deepEqual(ours.positionsAt(offsets), expected, content);
				},
			),
			{ numRuns: 2000 },
		);
		// Enough of the texts have counted items with line breaks for the counts to matter.
		assert.ok(withBreaks > 300, `only ${withBreaks} texts had counted line breaks`);
	});

	it('forgets counted line breaks when its text changes or they are of another text', () => {
		const content = '{"value": [\n{"x": 1},\n{"x": 2}\n]}';
		const json = parseDocument(content, false);
		assert.ok((json.countedBreaks ?? []).length > 0);
		const stranger = new IndexedDocument('file:///t.json', 'json', 1, '\n\n\n' + content);
		stranger.noteCountedBreaks(json.text, json.countedBreaks ?? []);
		const edited = new IndexedDocument('file:///t.json', 'json', 1, content);
		edited.noteCountedBreaks(json.text, json.countedBreaks ?? []);
		const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
		edited.update([{ range, text: '\n\n\n' }], 2);
		const library = TextDocument.create('file:///t.json', 'json', 1, '\n\n\n' + content);
		const offsets = [0, 5, 20, 30, 35];
		const expected = offsets.map((offset) => library.positionAt(offset));
		assert.deepEqual(stranger.positionsAt(offsets), expected);
		assert.deepEqual(edited.positionsAt(offsets), expected);
	});

	it('reads its line index lazily, with indexOf where there is no carriage return', () => {
		const document = new IndexedDocument('file:///t.json', 'json', 1, 'ab\ncd\n\nef');
		assert.deepEqual(document.positionAt(8), { line: 3, character: 1 });
		assert.deepEqual(document.positionAt(99), { line: 3, character: 2 });
		document.update(
			[
				{
					range: { start: { line: 1, character: 1 }, end: { line: 2, character: 0 } },
					text: 'x\r',
				},
			],
			2,
		);
		assert.equal(document.getText(), 'ab\ncx\r\nef');
		assert.deepEqual(document.positionAt(7), { line: 2, character: 0 });
		assert.equal(document.lineCount, 3);
	});

	it('keeps its line index through a paste of more lines than one splice takes', () => {
		const initial = 'a\nb\r\nc\nd';
		const ours = new IndexedDocument('file:///t.json', 'json', 1, initial);
		const theirs = TextDocument.create('file:///t.json', 'json', 1, initial);
		assert.equal(ours.lineCount, theirs.lineCount);
		const pasted = 'x\n'.repeat(30000) + 'y\r\n'.repeat(30000);
		const change = {
			range: { start: { line: 1, character: 1 }, end: { line: 2, character: 1 } },
			text: pasted,
		};
		ours.update([change], 2);
		TextDocument.update(theirs, [change], 2);
		assert.equal(ours.getText(), theirs.getText());
		assert.equal(ours.lineCount, theirs.lineCount);
		for (const offset of [0, 5, 40000, 90003, 150000, ours.getText().length]) {
			assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset));
		}
	});
});
