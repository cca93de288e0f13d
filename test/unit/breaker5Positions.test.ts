/**
 * Breaker 5 on counted line breaks: whatever the parser counted while it read a document's
 * lazy items, IndexedDocument.positionsAt must give every offset the position that
 * vscode-languageserver-textdocument gives it, for texts of runs, broken items, comments,
 * nested arrays, tabs, emoji and every kind of line break, before and after edits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../server/src/service';
import { IndexedDocument } from '../../server/src/textDocument';

const blank = fc.constantFrom('', ' ', '\n', '\t', '\n\t', '\n\n', '  \n  ', '\r\n', '\r');
const word = fc.constantFrom('a', 'é', '😀', '\\n', '\\"', 'x\ty', '\u2028', '');
const scalar = fc.oneof(
	word.map((text) => JSON.stringify(text)),
	fc.constantFrom('1', '-0', '1.0', '1e3', 'null', 'true', '9007199254740993'),
);

/** An object item as a text: mostly strict JSON, sometimes broken or commented. */
const item: fc.Arbitrary<string> = fc
	.tuple(
		fc.array(fc.tuple(word, blank, scalar, blank), { maxLength: 4 }),
		blank,
		fc.constantFrom('', '', '', '/* c */', '// c\n', ',', '"x"', '}'),
	)
	.map(([members, inner, extra]) => {
		const body = members
			.map(
				([key, before, value, after]) => `${before}${JSON.stringify(key)}:${value}${after}`,
			)
			.join(',');
		return `{${inner}${body}${extra}}`;
	});

/** A run of items, maybe as items of nested arrays. */
const run = fc
	.tuple(fc.array(fc.tuple(blank, item, blank), { minLength: 1, maxLength: 6 }), fc.boolean())
	.map(([items, isNested]) => {
		const inner = `[${items.map(([before, text, after]) => before + text + after).join(',')}]`;
		return isNested ? `[${inner},\n${inner}]` : inner;
	});
/** Most documents have only '\n' breaks: those are the ones whose positions take the counts. */
const documentText = fc.tuple(blank, run, blank, fc.nat(3)).map(([before, items, after, style]) => {
	const text = `${before}{"value":${items}}${after}`;
	return style === 0 ? text : text.replace(/\r/g, '');
});

function assertSamePositions(text: string, jsonc: boolean, edit?: string): void {
	const indexed = new IndexedDocument('file:///b5.json', 'json', 1, text);
	const parsed = parseDocument(text, jsonc);
	if (parsed.countedBreaks !== undefined) {
		indexed.noteCountedBreaks(parsed.text, parsed.countedBreaks);
	}
	let reference = TextDocument.create('file:///b5.json', 'json', 1, text);
	if (edit !== undefined) {
		const start = { line: 0, character: 0 };
		const change = { range: { start, end: start }, text: edit };
		indexed.update([change], 2);
		reference = TextDocument.update(reference, [change], 2);
	}
	const length = reference.getText().length;
	const offsets = Array.from({ length: length + 2 }, (_, index) => index).reverse();
	const expected = offsets.map((offset) => reference.positionAt(offset));
	assert.deepEqual(indexed.positionsAt(offsets), expected);
}

describe('positions of a first check, from counted line breaks (breaker 5)', () => {
	it('equal the reference positions for every offset of generated documents', () => {
		fc.assert(
			fc.property(documentText, fc.boolean(), (text, jsonc) =>
				assertSamePositions(text, jsonc),
			),
			{ numRuns: 1500 },
		);
	});

	it('equal the reference positions after an edit at the start of the text', () => {
		fc.assert(
			fc.property(documentText, fc.constantFrom('\n', ' ', '\n\n', 'x'), (text, edit) =>
				assertSamePositions(text, false, edit),
			),
			{ numRuns: 500 },
		);
	});

	it('equal the reference positions for items on one line and items after a blank tail', () => {
		const items = Array.from({ length: 50 }, (_, index) => `{"a":${index}}`);
		assertSamePositions(`{"value":[${items.join(',')}]}`, false);
		assertSamePositions(`{"value":[\n${items.join(',\n\n')}\n]}\n`, false);
		assertSamePositions(`{"value":[${items.join(' ,\n\t')}],"b":[\n${items.join(',')}]}`, true);
	});
});
