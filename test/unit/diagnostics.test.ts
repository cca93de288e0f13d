import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { maxDiagnosticsPerDocument, toDiagnostics } from '../../server/src/handlers/diagnostics';
import type { Problem } from '../../server/src/service';

function problems(count: number, severity: Problem['severity']): Problem[] {
	return Array.from({ length: count }, (_, i) => ({
		offset: 10 + i,
		length: 1,
		code: 'unknown-property',
		severity,
		message: `problem ${i}`,
	}));
}

describe('toDiagnostics', () => {
	it('publishes every problem up to the cap, without a note', () => {
		const document = TextDocument.create('untitled:a.json', 'json', 1, 'x'.repeat(2000));
		const diagnostics = toDiagnostics(document, problems(maxDiagnosticsPerDocument, 'error'));
		assert.equal(diagnostics.length, maxDiagnosticsPerDocument);
		assert.ok(diagnostics.every((item) => item.code === 'unknown-property'));
	});

	it('keeps errors over warnings past the cap, in document order', () => {
		const document = TextDocument.create('untitled:a.json', 'json', 1, 'x'.repeat(3000));
		const errors = problems(10, 'error').map((item) => ({
			...item,
			offset: 2000 + item.offset,
		}));
		const diagnostics = toDiagnostics(document, [...problems(1200, 'warning'), ...errors]);
		const offsets = diagnostics.slice(0, -1).map((item) => document.offsetAt(item.range.start));
		assert.deepEqual(
			offsets,
			[...offsets].sort((a, b) => a - b),
		);
		assert.equal(diagnostics.filter((item) => item.severity === 1).length, 10);
		assert.equal(diagnostics.at(-1)?.message.startsWith('210 more problems'), true);
	});

	const firstCharacters: [
		name: string,
		text: string,
		end: { line: number; character: number },
	][] = [
		['a surrogate pair', '\u{1F600}{}', { line: 0, character: 2 }],
		['a CRLF', '\r\n{}', { line: 1, character: 0 }],
		['a plain character', '{}', { line: 0, character: 1 }],
	];
	for (const [name, start, end] of firstCharacters) {
		it(`puts the note on the first character when it is ${name}`, () => {
			const document = TextDocument.create(
				'untitled:a.json',
				'json',
				1,
				start + ' '.repeat(2000),
			);
			const note = toDiagnostics(document, problems(1001, 'warning')).at(-1);
			assert.deepEqual(note?.range, { start: { line: 0, character: 0 }, end });
			assert.equal(note?.code, undefined);
		});
	}
});
