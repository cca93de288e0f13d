import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspClient, fileUri, sharedRoot } from './lspClient';

const casesRoot = path.join(sharedRoot, 'cases');

function caseUri(name: string): string {
	return fileUri(path.join(casesRoot, name));
}

function caseText(name: string): string {
	return fs.readFileSync(path.join(casesRoot, name), 'utf8');
}

/** `code@(line,character)-(line,character)`, sorted, as the cases write them. */
function summary(diagnostics: Diagnostic[]): string[] {
	return diagnostics
		.map(
			({ code, range: { start, end } }) =>
				`${code}@(${start.line},${start.character})-(${end.line},${end.character})`,
		)
		.sort();
}

describe('diagnostics after didOpen, with the bundled types', () => {
	let client: LspClient;
	before(async () => {
		client = await LspClient.start();
	});
	after(async () => {
		await client.stop();
	});

	const expectations: [string, string[]][] = [
		['C01.json', ['invalid-enum-value@(2,46)-(2,56)']],
		['C02.json', ['invalid-enum-value@(2,17)-(2,27)', 'type-mismatch@(3,24)-(3,27)']],
		['C09.json', []],
		['C11.jsonc', []],
		['C14-empty.json', []],
		['C23.json', ['invalid-enum-value@(2,17)-(2,27)']],
		['C29.json', ['unknown-annotation@(15,6)-(15,23)']],
		['C31.json', []],
		[
			'C20.json',
			[
				'invalid-enum-value@(6,92)-(6,102)',
				'invalid-tag@(2,21)-(2,25)',
				'invalid-tag@(3,21)-(3,23)',
				'invalid-tag@(4,21)-(4,23)',
				'invalid-tag@(5,21)-(5,77)',
			],
		],
	];
	for (const [name, expected] of expectations) {
		it(`publishes exactly the diagnostics ${name} calls for`, async () => {
			const languageId = name.endsWith('.jsonc') ? 'jsonc' : 'json';
			const diagnostics = await client.open(caseUri(name), caseText(name), languageId);
			assert.deepEqual(summary(diagnostics), expected);
		});
	}

	it('keeps syntax errors to the broken lines and still checks the values (C12, C14)', async () => {
		const broken = await client.open(caseUri('C12.json'), caseText('C12.json'));
		assert.ok(
			broken.every(
				(item) =>
					item.code === 'syntax-error' &&
					item.range.start.line >= 2 &&
					item.range.end.line <= 3,
			),
		);
		const unterminated = await client.open(caseUri('C14.json'), caseText('C14.json'));
		assert.deepEqual(summary(unterminated), ['syntax-error@(3,2)-(3,2)']);
	});

	it('names the code, the severity by level, the source and the message', async () => {
		const [diagnostic] = await client.open('untitled:shape.json', caseText('C01.json'));
		assert.equal(diagnostic.source, 'graph-fixtures');
		assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
		assert.match(
			diagnostic.message,
			/"finished" at actionState is not a member of enum actionState/,
		);
	});

	it('keeps quick-fix edits in data', async () => {
		const text =
			'{ "@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "actionState": "pendng" }';
		const [diagnostic] = await client.open('untitled:fix.json', text);
		const data = diagnostic.data as { fixes: { newText: string }[] };
		assert.deepEqual(
			data.fixes.map((fix) => fix.newText),
			['"pending"'],
		);
	});

	it('validates the new version after an incremental change, and clears on close', async () => {
		const uri = 'untitled:edit.json';
		await client.open(uri, caseText('C01.json'));
		const start = { line: 2, character: 47 };
		const fixed = await client.change(uri, [
			{ range: { start, end: { line: 2, character: 55 } }, text: 'done' },
		]);
		assert.deepEqual(fixed, []);
		const broken = await client.change(uri, [
			{ range: { start, end: { line: 2, character: 51 } }, text: 'x' },
		]);
		assert.deepEqual(summary(broken), ['invalid-enum-value@(2,46)-(2,49)']);
		const cleared = client.diagnosticsFor(uri);
		await client.close(uri);
		assert.deepEqual(await cleared, []);
	});

	it('publishes at most 1,000 diagnostics, errors first, and one note on how many more', async () => {
		const tag = '"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult"';
		const warning = `{ ${tag}, "extra": 1 }`;
		const error = `{ ${tag}, "actionState": "x" }`;
		const items = [...Array<string>(1200).fill(warning), ...Array<string>(300).fill(error)];
		const diagnostics = await client.open(
			'untitled:many.json',
			`{ "value": [\n${items.join(',\n')}\n] }`,
		);
		assert.equal(diagnostics.length, 1001);
		const [note, ...shown] = diagnostics.sort(
			(a, b) => a.range.start.line - b.range.start.line,
		);
		assert.deepEqual(note, {
			range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
			severity: DiagnosticSeverity.Information,
			source: 'graph-fixtures',
			message:
				'500 more problems are not shown: at most 1,000 are reported per document, errors first.',
		});
		const codes = shown.map((item) => item.code);
		assert.equal(codes.filter((code) => code === 'invalid-enum-value').length, 300);
		assert.equal(codes.filter((code) => code === 'unknown-property').length, 700);
	});

	it('publishes only the last version of a burst of edits', async () => {
		const uri = 'untitled:burst.json';
		await client.open(uri, caseText('C01.json'));
		const at = { line: 3, character: 0 };
		const versions: number[] = [];
		for (let i = 0; i < 5; i++) {
			versions.push(
				await client.sendChange(uri, [{ range: { start: at, end: at }, text: ' ' }]),
			);
		}
		const last = await client.change(uri, [{ range: { start: at, end: at }, text: ' ' }]);
		assert.deepEqual(summary(last), ['invalid-enum-value@(2,46)-(2,56)']);
		const published = client.notifications.filter(
			(item) =>
				item.method === 'textDocument/publishDiagnostics' &&
				(item.params as { uri: string }).uri === uri,
		);
		const publishedVersions = published.map(
			(item) => (item.params as { version: number }).version,
		);
		assert.deepEqual(
			publishedVersions.filter((version) => versions.includes(version)),
			[],
		);
	});
});

describe('diagnostics with settings from initializationOptions', () => {
	let client: LspClient;
	before(async () => {
		client = await LspClient.start({
			initializationOptions: {
				docs: ['../shared/graph-docs'],
				apiVersion: 'v1.0',
				syntaxErrors: false,
				severity: { 'invalid-enum-value': 'hint', 'unknown-annotation': 'off' },
				maxFileSize: 4096,
			},
		});
	});
	after(async () => {
		await client.stop();
	});

	it('reads the page folder given relative to the workspace folder (C17)', async () => {
		const loaded = await client.waitFor<{ typeCount: number; pageCount: number }>(
			'graphFixtures/typesLoaded',
		);
		assert.ok(loaded.pageCount > 500, `${loaded.pageCount} pages`);
		assert.deepEqual(await client.open(caseUri('C17.json'), caseText('C17.json')), []);
	});

	it('applies severity overrides, and drops codes set to off', async () => {
		const [diagnostic, ...others] = await client.open(
			caseUri('C01.json'),
			caseText('C01.json'),
		);
		assert.equal(diagnostic.severity, DiagnosticSeverity.Hint);
		assert.deepEqual(others, []);
		assert.deepEqual(await client.open(caseUri('C29.json'), caseText('C29.json')), []);
	});

	it('reports no syntax errors when syntaxErrors is false', async () => {
		assert.deepEqual(await client.open(caseUri('C14.json'), caseText('C14.json')), []);
	});

	it('gives a document over maxFileSize only the not-checked note', async () => {
		const text = caseText('C01.json') + ' '.repeat(5000);
		const diagnostics = await client.open('untitled:large.json', text);
		assert.deepEqual(summary(diagnostics), ['not-checked@(0,0)-(0,1)']);
		assert.equal(diagnostics[0].severity, DiagnosticSeverity.Information);
		const hover = await client.hover('untitled:large.json', { line: 2, character: 32 });
		assert.equal(hover, null);
	});
});
