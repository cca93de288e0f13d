/**
 * Item-by-item updates after an edit: the tree and the problems must equal those of a whole
 * parse and a whole validation of the same text, after any sequence of edits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { TextChange } from '../../server/src/json';
import { parseJSON, reparseItem } from '../../server/src/json';
import type { ValidationSettings, Validator } from '../../server/src/service';
import { parseDocument, parseOptions, revalidateItem } from '../../server/src/service';
import { validatorFor } from '../helpers/engine';
import { applyEdit, treeShape } from '../helpers/edits';
import type { EditSession } from '../helpers/edits';

const tagged = '"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult"';

/** Items of several shapes: typed, untagged, nested, with annotations, faults and duplicates. */
const itemShapes = [
	(i: number) => `{ ${tagged}, "userId": "user-${i}", "actionState": "done" }`,
	(i: number) => `{ ${tagged}, "actionState": "finished", "totalLicensesCount": ${i} }`,
	(i: number) => `{ "name": "plain ${i}", "list": [1, {"a": 2}], "name": "again" }`,
	(i: number) => `{ "outer": { ${tagged}, "userid": "x" }, "@odata.etg": ${i} }`,
	(i: number) => `{ ${tagged}, "userId": "u", "@odata.id": "items(${i})" }`,
	(_i: number) => `{ "items": [ { ${tagged} }, { "@odata.type": "#microsoft.graph.nope" } ] }`,
];

function collection(count: number): string {
	const items: string[] = [];
	for (let i = 0; i < count; i++) {
		items.push(itemShapes[i % itemShapes.length](i));
	}
	const context = '"@odata.context": "https://graph.microsoft.com/beta/$metadata#x"';
	return `{ ${context}, "value": [\n${items.join(',\n')}\n] }`;
}

/** Text that editing inserts: parts of members, values and tags, and garbage. */
const pieces = [
	'a',
	'1',
	'"',
	',',
	':',
	'{',
	'}',
	'[',
	']',
	' ',
	'\n',
	'@',
	'/*',
	'//',
	'"x": 1, ',
	', "y": "z"',
	'"actionState": "nope", ',
	'"@odata.type": "#microsoft.graph.user", ',
	'"@odata.type": 5, ',
	'"@odata.typo": 1, ',
	'"totalLicensesCount": 99999999999, ',
	'"name": "dup", ',
];

interface Edit {
	at: number;
	removed: number;
	text: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
	// Per ten thousand of the text: fc.double crowds its values at the two ends.
	at: fc.integer({ min: 0, max: 9999 }),
	removed: fc.oneof(
		fc.constant(0),
		fc.integer({ min: 1, max: 3 }),
		fc.integer({ min: 4, max: 40 }),
	),
	text: fc.oneof(fc.constantFrom(...pieces), fc.constant('')),
});

function changeIn(text: string, { at, removed, text: inserted }: Edit): TextChange {
	const offset = Math.floor((at / 10000) * (text.length + 1));
	return { offset, end: Math.min(text.length, offset + Math.abs(removed)), text: inserted };
}

function applyChange(text: string, change: TextChange): string {
	return text.slice(0, change.offset) + change.text + text.slice(change.end);
}

function assertSameAsWhole(
	validator: Validator,
	session: EditSession,
	settings: ValidationSettings,
	allowComments: boolean,
): void {
	// The whole parse builds every node, so that lazy items are compared with built ones too.
	const eager = { ...parseOptions(allowComments), lazyItems: false };
	const whole = parseJSON(session.json.text, eager);
	assert.deepEqual(treeShape(session.json.root), treeShape(whole.root));
	assert.deepEqual(session.json.syntaxErrors, whole.syntaxErrors);
	assert.deepEqual(session.json.comments, whole.comments);
	assert.deepEqual(session.problems, validator.doValidation(whole, settings));
}

const settingVariants: [string, ValidationSettings, boolean][] = [
	['defaults', { apiVersion: 'v1.0', syntaxErrors: true, onlyTagged: true }, false],
	['no syntax errors', { apiVersion: 'beta', syntaxErrors: false, onlyTagged: true }, false],
	[
		'severity overrides in JSONC',
		{
			apiVersion: 'v1.0',
			syntaxErrors: true,
			onlyTagged: false,
			severity: { 'unknown-property': 'off', 'duplicate-property': 'error' },
		},
		true,
	],
];

describe('item-by-item updates after edits', () => {
	for (const [name, settings, allowComments] of settingVariants) {
		it(`equal a whole parse and validation after every edit (${name})`, async () => {
			const validator = await validatorFor();
			const start = collection(24);
			let incremental = 0;
			fc.assert(
				fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
					const json = parseDocument(start, allowComments);
					const problems = validator.doValidation(json, settings);
					const session: EditSession = { json, problems, incremental: 0 };
					for (const each of edits) {
						applyEdit(
							validator,
							session,
							changeIn(session.json.text, each),
							settings,
							allowComments,
						);
						assertSameAsWhole(validator, session, settings, allowComments);
					}
					incremental += session.incremental;
				}),
				{ numRuns: 150 },
			);
			// The property is empty if every edit fell back to a whole run.
			assert.ok(incremental > 100, `only ${incremental} edits went item by item`);
		});
	}
});

/** The text with `find` (first occurrence, at `skip` characters into it) replaced by `text`. */
function editAt(source: string, find: string, skip: number, removed: number, text: string) {
	const offset = source.indexOf(find) + skip;
	return { offset, end: offset + removed, text };
}

const defaults: ValidationSettings = { apiVersion: 'v1.0', syntaxErrors: true, onlyTagged: true };

/** Re-parses and re-validates one edit item by item; undefined parts where it gave up. */
async function itemUpdate(source: string, change: TextChange) {
	const validator = await validatorFor();
	const json = parseDocument(source, false);
	const previous = validator.doValidation(json, defaults);
	const text = applyChange(source, change);
	const result = reparseItem(json, change, text, parseOptions(false));
	const problems =
		result && revalidateItem(validator, result.document, result.edit, previous, defaults);
	const whole = validator.doValidation(parseDocument(text, false), defaults);
	return { result, problems, whole };
}

const twoItems = `{ "value": [\n{ ${tagged}, "userId": "a" },\n{ ${tagged}, "actionState": "x" }\n] }`;

describe('item-by-item updates in particular cases', () => {
	it('re-checks the edited item and moves the problems after it', async () => {
		const change = editAt(twoItems, '"userId": "a"', 13, 0, ', "bad": 1, "worse": 2');
		const { result, problems, whole } = await itemUpdate(twoItems, change);
		assert.equal(result?.edit.delta, change.text.length);
		assert.deepEqual(problems, whole);
		assert.deepEqual(
			problems?.map((problem) => problem.code),
			['unknown-property', 'unknown-property', 'invalid-enum-value'],
		);
	});

	it('parses the whole text when the edit touches the item braces', async () => {
		const change = editAt(twoItems, '{ "@odata.type"', 0, 1, '{ ');
		assert.equal((await itemUpdate(twoItems, change)).result, undefined);
	});

	it('parses the whole text when the edited item no longer reads as one object', async () => {
		const change = editAt(twoItems, '"userId": "a"', 11, 0, '"');
		assert.equal((await itemUpdate(twoItems, change)).result, undefined);
	});

	it('validates the whole text when the item lies inside a tagged object', async () => {
		const source = `{ ${tagged}, "list": [ { "a": 1 }, { ${tagged} } ] }`;
		const { result, problems } = await itemUpdate(source, editAt(source, '"a"', 1, 1, 'b'));
		assert.ok(result);
		assert.equal(problems, undefined);
	});

	it('validates the whole text when no other item is tagged', async () => {
		const source = `{ "value": [ { ${tagged}, "userId": "a" }, { "b": 1 } ] }`;
		const change = editAt(source, '"userId"', 1, 1, 'U');
		assert.equal((await itemUpdate(source, change)).problems, undefined);
	});

	it('keeps the version of the root context, not of a context inside the item', async () => {
		const context = '"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x"';
		const source = `{ "@odata.context": "https://graph.microsoft.com/beta/$metadata#y", "value": [ { ${tagged} }, { ${context}, ${tagged} } ] }`;
		const change = editAt(source, 'v1.0/', 0, 4, 'beta');
		const { problems, whole } = await itemUpdate(source, change);
		assert.ok(problems);
		assert.deepEqual(problems, whole);
	});
});
