import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import { toDiagnostics } from '../../server/src/handlers/diagnostics';
import { doValidation } from '../../server/src/service';
import { getCodeActions } from '../../server/src/service/codeActions';
import { validatorFor } from '../helpers/engine';
import type { Parsed } from '../helpers/features';
import { applyEdits, caseAt, loadSources, pages, parsed, withCursor } from '../helpers/features';

const typeName = 'microsoft.graph.iosVppAppRevokeLicensesActionResult';
const tag = `"@odata.type": "#${typeName}"`;

/** Diagnostics exactly as the server publishes them, quick-fix data included. */
async function diagnosticsOf(
	input: Omit<Parsed, 'offset'>,
	docs: string[] = [],
): Promise<Diagnostic[]> {
	const validator = await validatorFor(docs);
	const text = input.document.getText();
	const settings = {
		apiVersion: 'beta' as const,
		syntaxErrors: true,
		onlyTagged: true,
		allowComments: false,
		maxFileSize: 1e9,
	};
	return toDiagnostics(input.document, doValidation(validator, text, settings));
}

async function actionsAt(
	input: Omit<Parsed, 'offset'>,
	range: Range,
	diagnostics: Diagnostic[],
	docs: string[] = [],
): Promise<CodeAction[]> {
	const { model } = await loadSources(docs);
	return getCodeActions(input.document, input.json, range, diagnostics, {
		model,
		apiVersion: 'beta',
	});
}

function applied(input: Omit<Parsed, 'offset'>, action: CodeAction): string {
	const edits = action.edit?.changes?.[input.document.uri];
	assert.ok(edits, `action "${action.title}" edits the document`);
	return applyEdits(input.document, edits);
}

function cursorRange(input: Parsed): Range {
	const position = input.document.positionAt(input.offset);
	return { start: position, end: position };
}

describe('quick fixes carried by diagnostics', () => {
	it('offers each did-you-mean fix as a preferred quick fix', async () => {
		const input = parsed(
			`{ ${tag}, "actionState": "pendng", "userid": "x", "@odata.etg": "x" }`,
		);
		const diagnostics = await diagnosticsOf(input);
		const expected = [
			['invalid-enum-value', '"actionState": "pending"'],
			['unknown-property', '"userId": "x"'],
			['unknown-annotation', '"@odata.etag": "x"'],
		];
		for (const [code, fixed] of expected) {
			const diagnostic = diagnostics.find((item) => item.code === code);
			assert.ok(diagnostic, code);
			const [action] = await actionsAt(input, diagnostic.range, [diagnostic]);
			assert.equal(action.kind, 'quickfix');
			assert.equal(action.isPreferred, true);
			assert.deepEqual(action.diagnostics, [diagnostic]);
			assert.ok(applied(input, action).includes(fixed), `${code} → ${fixed}`);
		}
	});

	it('fixes a Date written as a date-time, and a misspelled type name', async () => {
		const input = parsed(
			`{ "@odata.type": "#${typeName.slice(0, -1)}", "startDateTime": "2024-01-01" }`,
		);
		const diagnostics = await diagnosticsOf(input);
		const texts = [];
		for (const diagnostic of diagnostics) {
			const actions = await actionsAt(input, diagnostic.range, [diagnostic]);
			texts.push(...actions.map((action) => applied(input, action)));
		}
		assert.ok(texts.some((text) => text.includes(tag)));
	});

	it('ignores diagnostics without fixes and foreign data', async () => {
		const input = parsed(`{ ${tag} }`);
		const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
		const foreign: Diagnostic = { range, message: 'x', data: { fixes: [{ title: 1 }] } };
		assert.deepEqual(await actionsAt(input, range, [foreign, { range, message: 'y' }]), []);
	});

	it('keeps CRLF line endings when applying a fix (C02)', async () => {
		const input = caseAt('C02.json', 2, 20);
		const diagnostics = await diagnosticsOf(input);
		for (const diagnostic of diagnostics) {
			for (const action of await actionsAt(input, diagnostic.range, [diagnostic])) {
				assert.equal(
					applied(input, action).split('\r\n').length,
					input.document.getText().split('\r\n').length,
				);
			}
		}
	});
});

describe('repairs without a diagnostic', () => {
	it("adds the '#' to a tag written without it, with no diagnostic (C23)", async () => {
		const input = caseAt('C23.json', 1, 30);
		const actions = await actionsAt(input, cursorRange(input), []);
		const action = actions.find((item) => item.title.startsWith("Add '#'"));
		assert.ok(action);
		assert.equal(action.diagnostics, undefined);
		assert.ok(applied(input, action).includes(`\n  ${tag},\n`));
	});

	it('adds the missing tag to an object whose keys fit exactly one type', async () => {
		const input = withCursor('{\n\t"actionState": "done",|\n\t"userId": "u"\n}');
		const actions = await actionsAt(input, cursorRange(input), []);
		assert.equal(actions.length, 1);
		assert.equal(actions[0].isPreferred, true);
		assert.equal(
			applied(input, actions[0]),
			`{\n\t${tag},\n\t"actionState": "done",\n\t"userId": "u"\n}`,
		);
	});

	it('proposes the closest few types when the keys fit several', async () => {
		const input = withCursor('{ "displayName": "x"| }');
		const actions = await actionsAt(input, cursorRange(input), [], pages.iosVppApp);
		assert.deepEqual(
			actions.map((action) => action.title),
			[
				'Add "@odata.type": "#microsoft.graph.mobileApp"',
				'Add "@odata.type": "#microsoft.graph.iosVppApp"',
			],
		);
		assert.ok(actions.every((action) => action.isPreferred === false));
		assert.equal(
			applied(input, actions[0]),
			'{ "@odata.type": "#microsoft.graph.mobileApp", "displayName": "x" }',
		);
	});

	it('proposes no tag for typed objects, response wrappers or unknown keys', async () => {
		for (const marked of [
			'{ "@odata.context": "x", "userId": "u"| }',
			'{ "value": [], "userId": "u"| }',
			`{ ${tag}, "userId": "x"| }`,
			'{ "value": [] |}',
			'{ "nothing": 1| }',
			'{| }',
		]) {
			const input = withCursor(marked);
			assert.deepEqual(await actionsAt(input, cursorRange(input), []), [], marked);
		}
	});
});
