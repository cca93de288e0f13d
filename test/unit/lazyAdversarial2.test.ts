/**
 * Adversarial checks of this session's fast paths: items checked while parsed (held against a
 * run over a tree with every node built, under another validator, version or settings than the
 * parse's), the strict builder of lazy items (held against the tree parser, before and after
 * the item moves), and the server document's kept UTF-8 length and positions counted forward
 * (held against Buffer.byteLength and the library's document).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { JSONNode } from '../../server/src/json';
import { LazyItem, parseJSON, reparseItem } from '../../server/src/json';
import type { ValidationSettings, Validator } from '../../server/src/service';
import { parseDocument, parseOptions } from '../../server/src/service';
import { IndexedDocument } from '../../server/src/textDocument';
import { csdlRoot, validatorFor } from '../helpers/engine';
import { treeShape } from '../helpers/edits';

function validatorOf(versions: string[]): Promise<Validator> {
	const files = versions.map((each) => path.join(csdlRoot, `${each}_metadata_2021-07-13.xml`));
	return validatorFor([], files);
}

const eagerOptions = (jsonc: boolean) => ({ ...parseOptions(jsonc), lazyItems: false });

const settingVariants: ValidationSettings[] = [
	{ apiVersion: 'beta', syntaxErrors: true, onlyTagged: false },
	{ apiVersion: 'v1.0', syntaxErrors: false, onlyTagged: true },
	{
		apiVersion: 'v1.0',
		syntaxErrors: true,
		onlyTagged: false,
		severity: { 'unknown-property': 'off', 'duplicate-property': 'error' },
	},
];

// --- items checked while parsed ---------------------------------------------------------------

const tags = [
	'"#microsoft.graph.event"',
	'"#microsoft.graph.user"',
	'"#microsoft.graph.noSuch"',
	'5',
	'"#microsoft.graph.attendee"',
];

/** Items with two tag slots (%T): top-level and nested tags, annotations, odd numbers. */
const itemPatterns = [
	'{"a": 1}',
	'{"@odata.type": %T, "subject": "s", "importance": "HIGH"}',
	'{"@odata.type": %T, "isOnlineMeeting": true}',
	'{"@odata.type": %T, "hideAttendees": true}',
	'{"@odata.type": %T, "displayName": "x", "x": {"@odata.type": %T}}',
	'{"a": 1, "a": 2}',
	'{"n": 1.0, "m": -0}',
	'{"@odata.type": %T, "id": "1", "list": [{"@odata.type": %T, "type": "optional"}]}',
	'{"@odata.context": "https://graph.microsoft.com/beta/$metadata#x", "@odata.type": %T}',
	'{"x@odata.type": "#String", "x": 1}',
	'{"@odata.etag": 5}',
	'{"@odata.type": %T, "@odata.type": %T}',
	'{"@odata.type": %T, "createdDateTime": "2021-13-01T00:00:00Z"}',
];

const itemText = fc
	.tuple(fc.constantFrom(...itemPatterns), fc.constantFrom(...tags), fc.constantFrom(...tags))
	.map(([pattern, first, second]) => pattern.replace('%T', first).replace('%T', second));

const contextOf = (version: string) =>
	version === '' ? '' : `"@odata.context": "https://graph.microsoft.com/${version}/$metadata#x"`;

/** Collections where the context or a tag comes before, after or both, and arrays nest. */
const documentText = fc
	.record({
		a: fc.array(itemText, { minLength: 1, maxLength: 5 }),
		b: fc.array(itemText, { minLength: 1, maxLength: 3 }),
		before: fc.constantFrom('', 'v1.0', 'beta', 'v2'),
		after: fc.constantFrom('', 'v1.0', 'beta'),
		tag: fc.constantFrom(...tags),
		shape: fc.nat(6),
	})
	.map((spec) => {
		const a = `[${spec.a.join(',\n')}]`;
		const b = `[${spec.b.join(', ')}]`;
		const [first, last] = [contextOf(spec.before), contextOf(spec.after)];
		const tag = `"@odata.type": ${spec.tag}`;
		const object = (...members: string[]) => `{${members.filter(Boolean).join(', ')}}`;
		return [
			a,
			object(first, `"value": ${a}`),
			object(`"value": ${a}`, first),
			object(first, `"value": ${a}`, last),
			object(first, `"value": ${a}`, tag),
			object(first, `"value": [${a}, ${b}]`, `"other": ${b}`),
			object(tag, first, `"attendees": ${a}`, `"x": {"y": ${b}}`),
		][spec.shape];
	});

describe('items checked while parsed', () => {
	it('give the problems of a built tree under any validator, version and settings', async () => {
		const validators = [await validatorOf(['v1.0', 'beta']), await validatorOf(['beta'])];
		const run = fc.record({
			text: documentText,
			parsedBy: fc.nat(1),
			checkedBy: fc.nat(1),
			hookVersion: fc.constantFrom('v1.0', 'beta' as const),
			settings: fc.constantFrom(...settingVariants),
			jsonc: fc.boolean(),
		});
		fc.assert(
			fc.property(run, (spec) => {
				const { text, jsonc, settings } = spec;
				const hook = validators[spec.parsedBy].itemChecker(spec.hookVersion);
				const lazy = parseDocument(text, jsonc, hook);
				for (const validator of [
					validators[spec.checkedBy],
					validators[1 - spec.checkedBy],
				]) {
					const expected = validator.doValidation(
						parseJSON(text, eagerOptions(jsonc)),
						settings,
					);
					assert.deepEqual(validator.doValidation(lazy, settings), expected, text);
					// A second run over the same tree takes the answers the first left.
					assert.deepEqual(validator.doValidation(lazy, settings), expected, text);
				}
				const eager = parseJSON(text, eagerOptions(jsonc));
				assert.deepEqual(treeShape(lazy.root), treeShape(eager.root));
			}),
			{ numRuns: 400 },
		);
	});

	it('keep an answer only for the check that gave it', async () => {
		const validator = await validatorOf(['v1.0', 'beta']);
		const text = '{"value": [{"@odata.type": "#microsoft.graph.event", "importance": "HIGH"}]}';
		const json = parseDocument(text, false, validator.itemChecker('v1.0'));
		const item = json.root!.children![0].children![1].children![0] as LazyItem;
		assert.ok(item instanceof LazyItem);
		assert.equal(item.answerOf(validator.untypedCheck('v1.0')), false);
		assert.equal(item.answerOf(validator.untypedCheck('beta')), undefined);
	});
});

// --- the strict builder -----------------------------------------------------------------------

/** Every node's value with -0 told from 0, which treeShape's JSON cannot tell. */
function values(top: JSONNode | undefined): string[] {
	const out: string[] = [];
	const stack = top ? [top] : [];
	while (stack.length > 0) {
		const node = stack.pop()!;
		const value = Object.is(node.value, -0) ? '-0' : JSON.stringify(node.value);
		out.push(`${node.type} ${value} ${typeof node.value}`);
		stack.push(...(node.children ?? []).slice().reverse());
	}
	return out;
}

const nested = (levels: number, inner: string) =>
	`${'{"a": '.repeat(levels)}${inner}${'}'.repeat(levels)}`;

const builderExamples: [string, string][] = [
	['every escape', '[{"a": "\\u0000\\ud83d\\ude00\\udc00\\/\\\\\\"x\\b\\f\\n\\r\\t"}]'],
	['keys with escapes', '[{"k\\u0041\\"": 1, "\\ud800": 2, "": 3}]'],
	['numbers', '[{"n": [-0, 0e0, 1E+2, -1.5e-7, 12345678901234567890, 1e400, -0.0, 1e-400]}]'],
	['empty containers', '[{"a": {}}, {"b": []}, {"c": [[], {}, [[]]]}, {}]'],
	['blanks of every kind', '[{\r\n\t"a" \t:\r\n  true , "b":false,"c":null\r\n}\t,\n{ }]'],
	['literals in arrays', '[{"a": [true, false, null, [null], {"t": true}]}]'],
	['prototype keys', '[{"__proto__": {"x": 1}, "constructor": null, "toString": []}]'],
	['line separators in strings', '[{"a": "\u2028\u2029"}]'],
	['arrays in arrays', '{"value": [{"a": 1}, {"b": 2}], "x": [[{"c": 3}], [{"d": [{}]}]]}'],
	['empty objects 62 deep', `[${nested(62, '{}')}]`],
	['an empty array 63 deep', `[${nested(62, '[[]]')}]`],
	['an item 64 deep', `[${nested(63, '{}')}]`],
	['an item 65 deep', `[${nested(64, '{}')}, {"b": 1}]`],
];

describe('lazy items built by the strict builder', () => {
	for (const [name, text] of builderExamples) {
		it(`build the tree parser's nodes: ${name}`, () => {
			const lazy = parseJSON(text, parseOptions(false));
			const eager = parseJSON(text, eagerOptions(false));
			assert.deepEqual(treeShape(lazy.root), treeShape(eager.root));
			assert.deepEqual(values(lazy.root), values(eager.root));
		});
	}

	it('build at their new place after edits in an earlier item, one after another', () => {
		const items = builderExamples.slice(0, 8).map(([, text]) => text.slice(1, -1));
		let text = `{"value": [\n${items.join(',\r\n')}\n]}`;
		let json = parseDocument(text, false);
		// Edits inside the first item: the item-by-item path moves every item after it.
		const at = text.indexOf('"a": "') + 6;
		const changes = [
			{ offset: at, end: at, text: 'xyz' },
			{ offset: at, end: at + 2, text: '' },
			{ offset: at, end: at, text: '😀 ' },
			{ offset: at, end: at + 1, text: '' },
		];
		for (const change of changes) {
			const next = text.slice(0, change.offset) + change.text + text.slice(change.end);
			const result = reparseItem(json, change, next, parseOptions(false));
			assert.ok(result, JSON.stringify(change));
			json = result.document;
			text = next;
			assert.equal(json.text, text);
		}
		const eager = parseJSON(text, eagerOptions(false));
		assert.deepEqual(treeShape(json.root), treeShape(eager.root));
		assert.deepEqual(values(json.root), values(eager.root));
	});
});

// --- the server document's UTF-8 length and positions -----------------------------------------

const piece = fc.constantFrom('a', '\n', '😀', '\ud83d', '\ude00', 'é', '€', ' ', '', '\n\n');
const smallText = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

describe('the server document under edits that split and join surrogate pairs', () => {
	it('keeps the UTF-8 length and the positions the library gives', () => {
		const change = fc.record({ from: fc.nat(40), to: fc.nat(40), text: smallText });
		const offsets = fc.array(fc.integer({ min: -3, max: 50 }), { maxLength: 12 });
		fc.assert(
			fc.property(
				smallText,
				fc.array(change, { maxLength: 8 }),
				offsets,
				(start, changes, at) => {
					const mine = new IndexedDocument('u', 'json', 1, start);
					const library = TextDocument.create('u', 'json', 1, start);
					assert.equal(mine.utf8Length, Buffer.byteLength(start));
					for (const each of changes) {
						const length = library.getText().length;
						const range = {
							start: library.positionAt(Math.min(each.from, length)),
							end: library.positionAt(Math.min(each.to, length)),
						};
						mine.update([{ range, text: each.text }], library.version + 1);
						TextDocument.update(
							library,
							[{ range, text: each.text }],
							library.version + 1,
						);
						assert.equal(mine.getText(), library.getText());
						assert.equal(mine.utf8Length, Buffer.byteLength(library.getText()));
					}
					const expected = at.map((offset) => library.positionAt(offset));
					assert.deepEqual(mine.positionsAt(at), expected);
					const unindexed = new IndexedDocument('u', 'json', 1, library.getText());
					assert.deepEqual(unindexed.positionsAt(at), expected);
				},
			),
			{ numRuns: 1500 },
		);
	});
});
