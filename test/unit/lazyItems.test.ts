/**
 * Lazy collection items: a tree whose items are built on demand must read exactly like one
 * built whole, and the validator's fast path over unbuilt items must report exactly what the
 * full walk reports, on every fixture and on generated collections of every awkward kind.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LazyItem, isUnbuilt, parseJSON, reparseItem } from '../../server/src/json';
import type { JSONDocument, JSONNode } from '../../server/src/json';
import type { ApiVersion } from '../../server/src/model/types';
import type { ValidationSettings } from '../../server/src/service';
import { Validator, parseOptions } from '../../server/src/service';
import { loadTypes } from '../../server/src/sources/typeSources';
import { casesRoot, repoRoot, validatorFor } from '../helpers/engine';
import { treeShape } from '../helpers/edits';

const tag = '"@odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult"';

function parseBoth(text: string, allowComments: boolean) {
	const options = parseOptions(allowComments);
	return {
		lazy: parseJSON(text, options),
		eager: parseJSON(text, { ...options, lazyItems: false }),
	};
}

/** A lazy parse whose items `validator` checks as they are read, at `version` by default. */
function parseChecked(
	validator: Validator,
	text: string,
	allowComments: boolean,
	version: ApiVersion,
): JSONDocument {
	return parseJSON(text, {
		...parseOptions(allowComments),
		checkItem: validator.itemChecker(version),
	});
}

const settingVariants: ValidationSettings[] = [
	{ apiVersion: 'beta', syntaxErrors: true, onlyTagged: false },
	{ apiVersion: 'v1.0', syntaxErrors: false, onlyTagged: true },
	{
		apiVersion: 'beta',
		syntaxErrors: true,
		onlyTagged: true,
		severity: { 'unknown-property': 'off', 'duplicate-property': 'error' },
	},
];

/**
 * Asserts that both trees and all problems agree; validates the lazy tree first, unbuilt, and
 * once more with its items checked while parsed (under each version, so that half the parses
 * answer for a version other than the run's).
 */
function assertSame(validator: Validator, text: string, allowComments: boolean): void {
	for (const settings of settingVariants) {
		const { lazy, eager } = parseBoth(text, allowComments);
		const problems = validator.doValidation(lazy, settings);
		const expected = validator.doValidation(eager, settings);
		assert.deepEqual(problems, expected, text);
		for (const version of ['beta', 'v1.0'] as const) {
			const checked = parseChecked(validator, text, allowComments, version);
			assert.deepEqual(validator.doValidation(checked, settings), expected, text);
		}
	}
	const { lazy, eager } = parseBoth(text, allowComments);
	assert.deepEqual(treeShape(lazy.root), treeShape(eager.root));
	assert.deepEqual(lazy.syntaxErrors, eager.syntaxErrors);
	assert.deepEqual(lazy.comments, eager.comments);
}

/** Items of every kind the fast path must hand back to the full walk, and clean ones. */
const items = [
	`{ ${tag}, "userId": "u", "actionState": "done", "totalLicensesCount": 3 }`,
	`{ ${tag}, "actionState": "finished" }`,
	`{ ${tag}, "totalLicensesCount": "3" }`,
	`{ ${tag}, "requestDateTime": "yesterday" }`,
	`{ ${tag}, "userId": "a", "userId": "b" }`,
	`{ ${tag}, "nested": { "a": 1, "a": 2 } }`,
	`{ ${tag}, "totalLicensesCount": 1.0 }`,
	`{ ${tag}, "totalLicensesCount": -0 }`,
	`{ ${tag}, "totalLicensesCount": 1e3 }`,
	`{ ${tag}, "totalLicensesCount": 12345678901234567890 }`,
	`{ ${tag}, "totalLicensesCount": 0 }`,
	`{ ${tag}, "@odata.etag": "W/1", "@odata.id": "items(1)" }`,
	`{ ${tag}, "@odata.etag": 5 }`,
	`{ ${tag}, "@odata.typo": "x" }`,
	`{ ${tag}, "userId@odata.type": "#String" }`,
	`{ ${tag}, "extra": { "@odata.type": "#microsoft.graph.user" } }`,
	`{ "\\u0040odata.type": "#microsoft.graph.iosVppAppRevokeLicensesActionResult", "x": 1 }`,
	`{ "@odata.type": "#microsoft.graph.IOSVPPAPPREVOKELICENSESACTIONRESULT" }`,
	`{ "@odata.type": "#microsoft.graph.noSuchType" }`,
	`{ "@odata.type": "#microsoft.graph.actionState" }`,
	`{ "@odata.type": 7 }`,
	`{ "@odata.type": "not a name" }`,
	`{ "__proto__": { "polluted": true }, "constructor": 1, ${tag} }`,
	`{ ${tag}, "userId": "brace } and \\" quote [ in a string: \\\\" }`,
	`{ "plain": [1, 2, { "deep": [ { "deeper": null } ] }] }`,
	`{ "items": [ { ${tag} }, { ${tag}, "actionState": "x" } ] }`,
	`${'{ "a": '.repeat(80)}1${' }'.repeat(80)}`,
	`{ ${tag}, "list": ${'['.repeat(130)}1${']'.repeat(130)} }`,
	`{}`,
	`[]`,
	`"text"`,
	`{ ${tag}, "userId": "unterminated }`,
	`{ ${tag}, "a": 1, }`,
	`{ ${tag} /* comment */ }`,
];

describe('lazy collection items', () => {
	it('stay unbuilt until read, and build the same nodes as a whole parse', () => {
		const text = `{ "value": [ ${items[0]}, ${items[1]} ] }`;
		const { lazy, eager } = parseBoth(text, false);
		const array = lazy.root!.children![0].children![1];
		const [first, second] = array.children!;
		assert.ok(first instanceof LazyItem && isUnbuilt(first) && isUnbuilt(second));
		assert.equal(text.slice(first.offset, first.offset + first.length), items[0]);
		assert.deepEqual(
			treeShape(first),
			treeShape(eager.root!.children![0].children![1].children![0]),
		);
		assert.ok(!isUnbuilt(first) && isUnbuilt(second), 'reading one item builds only it');
	});

	it('are checked without building when clean, and built where the walk must report', async () => {
		const validator = await validatorFor();
		const text = `{ "value": [ ${items[0]}, ${items[1]}, ${items[0]}, ${items[11]} ] }`;
		const json = parseJSON(text, parseOptions(false));
		const problems = validator.doValidation(json, settingVariants[0]);
		assert.deepEqual(
			problems.map((problem) => problem.code),
			['invalid-enum-value'],
		);
		const built = json.root!.children![0].children![1].children!.map(
			(item) => !isUnbuilt(item),
		);
		assert.deepEqual(built, [false, true, false, false]);
	});

	it('are not taken where the text is not strict JSON, and nothing is lost there', () => {
		const text = `[ ${items[0]} , { "a": 1, } , { "b": 2 // note\n } , ${items[1]} ]`;
		const { lazy } = parseBoth(text, true);
		const kinds = lazy.root!.children!.map((item) => item instanceof LazyItem);
		assert.deepEqual(kinds, [true, false, false, true]);
		assert.equal(lazy.comments.length, 1);
	});

	it('move with an edit before them, and build from their own text afterwards', () => {
		const text = `{ "value": [ ${items[0]}, ${items[1]}, ${items[2]} ] }`;
		const options = parseOptions(false);
		const json = parseJSON(text, options);
		const at = text.indexOf('"u"') + 1;
		const change = { offset: at, end: at, text: 'longer-' };
		const edited = text.slice(0, at) + change.text + text.slice(at);
		const result = reparseItem(json, change, edited, options);
		assert.ok(result, 'the edit is inside one item');
		const eager = parseJSON(edited, { ...options, lazyItems: false });
		assert.deepEqual(treeShape(result.document.root), treeShape(eager.root));
	});

	it('give the problems of a whole walk for every kind of item, in JSON and JSONC', async () => {
		const validator = await validatorFor();
		for (const item of items) {
			const text = `{ "value": [\n${item},\n${items[0]}\n] }`;
			assertSame(validator, text, false);
			assertSame(validator, text, true);
		}
	});

	it('give the problems of a whole walk on generated collections', async () => {
		const validator = await validatorFor();
		const indexes = fc.array(fc.nat(items.length - 1), { minLength: 1, maxLength: 12 });
		fc.assert(
			fc.property(indexes, fc.boolean(), (picked, allowComments) => {
				const body = picked.map((index) => items[index]).join(',\n');
				const context = '"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x"';
				assertSame(validator, `{ ${context}, "value": [\n${body}\n] }`, allowComments);
				assertSame(validator, `[${body}]`, allowComments);
			}),
			{ numRuns: 200 },
		);
	});

	it('give the problems of a whole walk on every example and case file', async () => {
		const validator = await validatorFor();
		const folders = [path.join(repoRoot, 'examples'), casesRoot];
		let count = 0;
		for (const folder of folders) {
			for (const name of fs.readdirSync(folder)) {
				if (/\.jsonc?$/.test(name)) {
					const text = fs.readFileSync(path.join(folder, name), 'utf8');
					assertSame(validator, text, name.endsWith('.jsonc'));
					count++;
				}
			}
		}
		assert.ok(count >= 8, `only ${count} files`);
	});
});

/** Asserts that `validator` finds in `json` what it finds in a whole parse of `text`. */
function assertWholeWalkProblems(validator: Validator, json: JSONDocument, text: string): void {
	const { eager } = parseBoth(text, false);
	for (const settings of settingVariants) {
		assert.deepEqual(
			validator.doValidation(json, settings),
			validator.doValidation(eager, settings),
		);
	}
}

/** The answers the parse-time check left on the items of the array at `path` (from the root). */
function answersAt(json: JSONDocument, check: ReturnType<Validator['untypedCheck']>): unknown[] {
	const answers: unknown[] = [];
	const visit = (node: JSONNode): void => {
		if (node instanceof LazyItem) {
			answers.push(node.answerOf(check));
			return;
		}
		for (const child of node.children ?? []) {
			visit(child);
		}
	};
	visit(json.root!);
	return answers;
}

describe('collection items checked while parsed', () => {
	const collection = (extra = '') =>
		`{ ${extra}"value": [ ${items[0]}, ${items[1]}, ${items[4]}, ${items[6]} ] }`;

	it('answer for each item where no type is expected, and the run takes the answers', async () => {
		const validator = await validatorFor();
		const text = collection();
		const json = parseChecked(validator, text, false, 'beta');
		assert.deepEqual(answersAt(json, validator.untypedCheck('beta')), [
			true,
			false,
			false,
			false,
		]);
		assertWholeWalkProblems(validator, json, text);
	});

	it('answer at the version the @odata.context before them names', async () => {
		const validator = await validatorFor();
		const context = '"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x", ';
		const json = parseChecked(validator, collection(context), false, 'beta');
		assert.deepEqual(answersAt(json, validator.untypedCheck('beta')), [
			undefined,
			undefined,
			undefined,
			undefined,
		]);
		assert.equal(answersAt(json, validator.untypedCheck('v1.0'))[0], true);
	});

	it('are not read where a tagged object holds the array: the run types them there', async () => {
		const validator = await validatorFor();
		const text = `{ ${tag}, "value": [ ${items[0]}, ${items[1]} ] }`;
		const json = parseChecked(validator, text, false, 'beta');
		assert.deepEqual(answersAt(json, validator.untypedCheck('beta')), [undefined, undefined]);
		assertWholeWalkProblems(validator, json, text);
	});

	it('answer for the items of every array in a wide object', async () => {
		const validator = await validatorFor();
		const members = Array.from({ length: 3000 }, (_, i) => `"a${i}": [${items[i % 3]}]`);
		const context = '"@odata.context": "https://graph.microsoft.com/v1.0/$metadata"';
		const text = `{ ${context}, ${members.join(', ')} }`;
		const json = parseChecked(validator, text, false, 'beta');
		const answers = answersAt(json, validator.untypedCheck('v1.0'));
		assert.equal(answers.length, 3000);
		assert.deepEqual(answers.slice(0, 3), [true, false, false]);
		assertWholeWalkProblems(validator, json, text);
	});

	it('are read again by a validator of other types, and by a run at another version', async () => {
		// The same page without userId: the first item is clean for one validator, not the other.
		const seed = path.join(repoRoot, '..', 'shared', 'seed');
		const page = fs.readFileSync(
			path.join(seed, 'iosVppAppRevokeLicensesActionResult.md'),
			'utf8',
		);
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gf-items-'));
		try {
			const edited = page.replace(/^\|userId\|.*\n/m, '');
			assert.notEqual(edited, page);
			fs.writeFileSync(path.join(folder, 'iosVppAppRevokeLicensesActionResult.md'), edited);
			const other = new Validator((await loadTypes({ docs: [folder], metadata: [] })).model);
			const validator = await validatorFor();
			const text = collection();
			const json = parseChecked(validator, text, false, 'beta');
			assertWholeWalkProblems(other, json, text);
			const { eager } = parseBoth(text, false);
			const problems = other.doValidation(eager, settingVariants[0]);
			assert.ok(problems.some((problem) => problem.code === 'unknown-property'));
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});
});
