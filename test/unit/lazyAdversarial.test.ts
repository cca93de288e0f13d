/**
 * Adversarial checks of the fast paths: lazy collection items, the validator's settling of
 * unbuilt items from their parsed value, item-by-item re-parsing and re-validation, and the
 * server's own text document. Each fast path is held against the slow one it replaces, on
 * generated texts full of the awkward things a fixture can hold, with the Graph metadata loaded
 * so that items nest typed objects, enums, dates and collections.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { JSONNode, TextChange } from '../../server/src/json';
import { LazyItem, isUnbuilt, parseJSON, reparseItem } from '../../server/src/json';
import type { ValidationSettings, Validator } from '../../server/src/service';
import { parseDocument, parseOptions, revalidateItem } from '../../server/src/service';
import { IndexedDocument } from '../../server/src/textDocument';
import { csdlRoot, validatorFor } from '../helpers/engine';
import { applyEdit, treeShape } from '../helpers/edits';
import type { EditSession } from '../helpers/edits';

function graphValidator(): Promise<Validator> {
	return validatorFor(
		[],
		['v1.0', 'beta'].map((version) =>
			path.join(csdlRoot, `${version}_metadata_2021-07-13.xml`),
		),
	);
}

/** The items of every array in the tree that are still unbuilt, without building any. */
function unbuiltCount(root: JSONNode | undefined): number {
	let count = 0;
	const stack = root ? [root] : [];
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (isUnbuilt(node)) {
			count++;
		} else {
			stack.push(...(node.children ?? []));
		}
	}
	return count;
}

const settingVariants: ValidationSettings[] = [
	{ apiVersion: 'beta', syntaxErrors: true, onlyTagged: false },
	{ apiVersion: 'v1.0', syntaxErrors: false, onlyTagged: true },
	{
		apiVersion: 'v1.0',
		syntaxErrors: true,
		onlyTagged: true,
		severity: { 'unknown-property': 'off', 'duplicate-property': 'error' },
	},
];

/** An object nesting `levels` objects under "content", the innermost holding 1. */
function deep(levels: number): string {
	return `${'{ "content": '.repeat(levels)}1${' }'.repeat(levels)}`;
}

const eagerOptions = (jsonc: boolean) => ({ ...parseOptions(jsonc), lazyItems: false });

/**
 * Asserts that a lazy parse, validated while its items are unbuilt, reports what a parse with
 * every node built reports, and that both trees are the same once built. Returns how many
 * items the validator left unbuilt, so that a property can tell the fast path was taken.
 */
function assertSame(validator: Validator, text: string, jsonc: boolean): number {
	let unbuilt = 0;
	for (const settings of settingVariants) {
		const lazy = parseJSON(text, parseOptions(jsonc));
		const problems = validator.doValidation(lazy, settings);
		unbuilt += unbuiltCount(lazy.root);
		const eager = parseJSON(text, eagerOptions(jsonc));
		assert.deepEqual(problems, validator.doValidation(eager, settings), JSON.stringify(text));
	}
	const lazy = parseJSON(text, parseOptions(jsonc));
	const eager = parseJSON(text, eagerOptions(jsonc));
	assert.deepEqual(treeShape(lazy.root), treeShape(eager.root), JSON.stringify(text));
	assert.deepEqual(lazy.syntaxErrors, eager.syntaxErrors);
	assert.deepEqual(lazy.comments, eager.comments);
	return unbuilt;
}

// --- generated documents ----------------------------------------------------------------------

const keys = [
	'"@odata.type"',
	'"\\u0040odata.type"',
	'"@odata.Type"',
	'"@odata.etag"',
	'"@odata.count"',
	'"@odata.id"',
	'"@odata.nextLink"',
	'"@odata.context"',
	'"@odata.typo"',
	'"@odata.bind"',
	'"x@odata.type"',
	'"subject@odata.type"',
	'"categories@odata.bind"',
	'"@microsoft.graph.tips"',
	'"__proto__"',
	'"constructor"',
	'"toString"',
	'"a\\"b"',
	'"a"',
	'"\\u0061"',
	'""',
	'"1"',
	'"\\ud800"',
	'"subject"',
	'"importance"',
	'"isAllDay"',
	'"body"',
	'"start"',
	'"attendees"',
	'"categories"',
	'"createdDateTime"',
	'"reminderMinutesBeforeStart"',
	'"dateTime"',
	'"timeZone"',
	'"emailAddress"',
	'"address"',
	'"type"',
];

const tags = [
	'"#microsoft.graph.event"',
	'"#microsoft.graph.EVENT"',
	'"#Microsoft.Graph.event"',
	'"microsoft.graph.message"',
	'"#microsoft.graph.importance"',
	'"#microsoft.graph.noSuchType"',
	'"#microsoft.graph.emailAddress"',
	'"#microsoft.graph.dateTimeTimeZone"',
	'"#microsoft.graph.attendee"',
	'"#microsoft.graph.itemBody"',
	'"#x"',
	'5',
	'null',
];

const atoms = [
	'0',
	'-0',
	'0.0',
	'1.0',
	'1e3',
	'1E400',
	'-1e-7',
	'1e+21',
	'100000000000000000000',
	'123456789012345678901234567890',
	'9007199254740993',
	'2147483648',
	'-2147483649',
	'15',
	'-5',
	'true',
	'false',
	'null',
	'"high"',
	'"HIGH"',
	'"normal"',
	'""',
	'"{[:]}"',
	'"}"',
	'"//"',
	'"/*"',
	'"\\\\"',
	'"\\"}"',
	'"\\ud800"',
	'"\\udc00x"',
	'"\u2028"',
	'"2021-01-01T00:00:00Z"',
	'"2021-13-01T00:00:00Z"',
	'"2021-02-29T00:00:00Z"',
	'"2020-02-29T24:00:00Z"',
	'"2021-01-01T00:00:00.1234567+01:00"',
	'"2021-01-01"',
	'"W/\\"1\\""',
	'"#microsoft.graph.event"',
];

const member = (value: fc.Arbitrary<string>) =>
	fc.oneof(
		fc.tuple(fc.constantFrom(...keys), value).map(([key, text]) => `${key}: ${text}`),
		fc.constantFrom(...tags).map((tag) => `"@odata.type": ${tag}`),
	);

const { json } = fc.letrec((tie) => ({
	json: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.constantFrom(...atoms),
		tie('object'),
		fc.array(tie('json'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
	),
	object: fc
		.tuple(
			fc.array(member(tie('json') as fc.Arbitrary<string>), { maxLength: 5 }),
			fc.constantFrom(', ', ',\n', ',\r\n', ','),
		)
		.map(([members, separator]) => `{${members.join(separator)}}`),
})) as { json: fc.Arbitrary<string> };

const item = fc.oneof(
	fc
		.tuple(fc.constantFrom(...tags), fc.array(member(json), { maxLength: 4 }))
		.map(
			([tag, members]) =>
				`{ "@odata.type": ${tag}${members.map((each) => `, ${each}`).join('')} }`,
		),
	json,
);

/** Marks that break strict JSON somewhere: the parser must recover identically either way. */
const noise = ['', '', '', ',', '}', ']', '{', '"', ':', '//c\n', '/*c*/', '\r', '\\', '\ufeff'];

const documentText = fc
	.record({
		items: fc.array(item, { minLength: 1, maxLength: 6 }),
		separator: fc.constantFrom(',\n', ', ', ',', ' ,\r\n', ',\r', ', /* c */ ', ',\n// c\n'),
		trailing: fc.constantFrom('', ',', ' , '),
		wrapper: fc.nat(4),
		context: fc.constantFrom('', 'v1.0', 'beta'),
		bom: fc.boolean(),
		noise: fc.constantFrom(...noise),
		noiseAt: fc.nat(9999).map((n) => n / 10000),
	})
	.map((spec) => {
		const array = `[${spec.items.join(spec.separator)}${spec.trailing}]`;
		const url = `"https://graph.microsoft.com/${spec.context}/$metadata#x"`;
		const context = spec.context === '' ? '' : `"@odata.context": ${url}, `;
		const wrapped = [
			array,
			`{ ${context}"value": ${array} }`,
			`{ "value": ${array}, ${context}"x": 1 }`,
			`{ "@odata.type": "#microsoft.graph.event", "attendees": ${array} }`,
			`{ ${context}"value": [${array}, ${array}] }`,
		][spec.wrapper];
		const at = Math.floor(spec.noiseAt * wrapped.length);
		const text = wrapped.slice(0, at) + spec.noise + wrapped.slice(at);
		return spec.bom ? `\ufeff${text}` : text;
	});

describe('lazy items against built ones', () => {
	it('report and build the same on generated collections of awkward items', async () => {
		const validator = await graphValidator();
		let unbuilt = 0;
		fc.assert(
			fc.property(documentText, fc.boolean(), (text, jsonc) => {
				unbuilt += assertSame(validator, text, jsonc);
			}),
			{ numRuns: 300 },
		);
		// The property says nothing of the fast path if no item was ever settled by it.
		assert.ok(unbuilt > 100, `only ${unbuilt} items were settled unbuilt`);
	});

	const examples: [name: string, text: string][] = [
		[
			'numbers at every edge',
			`[${atoms.filter((atom) => /^-?\d/.test(atom)).map((n) => `{ "n": ${n} }`)}]`,
		],
		[
			'tagged items with numbers at every edge',
			`[${atoms
				.filter((atom) => /^-?\d/.test(atom))
				.map(
					(n) =>
						`{ "@odata.type": "#microsoft.graph.event", "reminderMinutesBeforeStart": ${n} }`,
				)}]`,
		],
		[
			'a key written with escapes',
			'[{ "\\u0040odata.type": "#microsoft.graph.event", "subject": 1 }]',
		],
		['a duplicate written two ways', '[{ "subject": "a", "\\u0073ubject": "b" }]'],
		['a duplicate deep inside', '[{ "a": [ { "b": { "c": 1, "c": 2 } } ] }]'],
		['__proto__ twice', '[{ "__proto__": {}, "__proto__": [] }]'],
		[
			'__proto__ in a tagged item',
			'[{ "@odata.type": "#microsoft.graph.event", "__proto__": 1 }]',
		],
		['lone surrogates', '[{ "\\ud800": "\\udfff", "subject": "\ud800" }]'],
		['strings full of brackets', '[{ "a": "}]}]{[{[:,\\\\" }, { "b": "\\\\\\"}" }]'],
		['a tag with odd case', '[{ "@odata.type": "#MICROSOFT.GRAPH.EVENT", "subject": "s" }]'],
		['an @odata.Type key', '[{ "@odata.Type": "#microsoft.graph.event", "subject": 1 }]'],
		[
			'a nested tag',
			'[{ "x": { "@odata.type": "#microsoft.graph.emailAddress", "address": 1 } }]',
		],
		[
			'annotations of every kind',
			'[{ "@odata.count": "3", "@odata.etag": 1, "@odata.nextLink": [] }, ' +
				'{ "@odata.count": -1 }, { "@odata.count": 1e21 }, { "@odata.bind": ["a", 1] }, ' +
				'{ "x@odata.type": 1 }, { "@microsoft.graph.x": {} }]',
		],
		[
			'the context after the collection',
			'{ "value": [{ "@odata.type": "#microsoft.graph.event", "isOnlineMeeting": true }], ' +
				'"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x" }',
		],
		[
			'a v1.0 collection of beta-only members',
			'{ "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#x", "value": [' +
				'{ "@odata.type": "#microsoft.graph.event", "hideAttendees": true, ' +
				'"cancelledOccurrences": [] }] }',
		],
		[
			'items that are not objects',
			'[1, "a", null, [{ "a": 1 }], [[{ "@odata.type": "#microsoft.graph.event" }]], true]',
		],
		['an item 64 deep', `[${'{ "a": '.repeat(63)}{}${' }'.repeat(63)}]`],
		['an item 65 deep', `[${'{ "a": '.repeat(64)}{}${' }'.repeat(64)}, { "b": 1 }]`],
		[
			'a tagged item 130 deep',
			`[{ "@odata.type": "#microsoft.graph.event", "body": ${deep(129)} }]`,
		],
		['an item whose scan never ends', '[{ "a": 1 }, { "b": "open }, { "c": 1 }, { "d": 2 }]'],
		['a line comment ended by a lone CR', '[{ "a": 1 // c\r}, { "b": 2 }, {"c": 3}]'],
		['a block comment between items', '[{ "a": 1 }/* } { */, { "b": 2 }]'],
		['a missing comma', '[{ "a": 1 } { "b": 2 }\n{ "a": 1, "a": 1 }]'],
		['an item cut off before a key', '{ "value": [{ "a": 1 },\n"next": 2 }'],
		[
			'CRLF and lone CR in the layout',
			'[\r\n{ "a": 1 },\r{ "@odata.type": "#microsoft.graph.event" }\r\n]',
		],
		[
			'a BOM before a collection',
			'\ufeff[{ "@odata.type": "#microsoft.graph.event", "subject": "s" }]',
		],
		['whitespace JSON.parse refuses', '[{\u00a0"a": 1 }, {\u000b"b": 2 }, {\u2028"c": 3 }]'],
	];
	for (const [name, text] of examples) {
		it(`report and build the same: ${name}`, async () => {
			const validator = await graphValidator();
			assertSame(validator, text, false);
			assertSame(validator, text, true);
		});
	}

	it('are taken again after an item that is not strict JSON', () => {
		const text = '[{ "a": 1, }, { "b": "}" }, { "c": [{ "d": 1 }] }]';
		const lazy = parseJSON(text, parseOptions(true));
		const kinds = lazy.root!.children!.map((each) => each instanceof LazyItem);
		assert.deepEqual(kinds, [false, true, true]);
	});
});

// --- item-by-item updates ---------------------------------------------------------------------

const itemTexts = [
	'{"@odata.type": "#microsoft.graph.event", "subject": "s", "importance": "high"}',
	'{"@odata.type": "#microsoft.graph.event", "attendees": ' +
		'[{"type": "required", "emailAddress": {"address": "a@b"}}]}',
	'{"subject": "no tag", "x": {"y": [1, 2, {"z": null}]}}',
	'{"@odata.type": "#microsoft.graph.event", "@odata.etag": "W/\\"1\\"", ' +
		'"start": {"dateTime": "2021-01-01T00:00:00", "timeZone": "UTC"}}',
	'{"id": "1", "list": [{"@odata.type": "#microsoft.graph.attendee", "type": "optional"}]}',
	'{"@odata.type": "#microsoft.graph.event", "createdDateTime": "2021-01-01T00:00:00Z", ' +
		'"x@odata.type": "#String"}',
];

const typed = [
	'"',
	'\\',
	'}',
	'{',
	']',
	',',
	':',
	'\r\n',
	'\r',
	'1.0',
	'-',
	'😀',
	'\ud800',
	'HIGH',
	'"a": 1, "a": 2, ',
	'"@odata.type": "#microsoft.graph.event", ',
	'"\\u0040odata.type": 1, ',
	'"@odata.count": "3", ',
	'"@odata.context": "https://graph.microsoft.com/beta/$metadata#x", ',
	'{"@odata.type": "#microsoft.graph.user"}',
	'//x\n',
	'/*',
];

interface EditSpec {
	at: number;
	removed: number;
	text: string;
}

const editSpec: fc.Arbitrary<EditSpec> = fc.record({
	// fast-check's doubles cluster at the ends; a spread of fractions reaches the items.
	at: fc.nat(9999).map((n) => n / 10000),
	removed: fc.oneof(fc.constant(0), fc.nat(5)),
	text: fc.oneof(fc.constant(''), fc.constantFrom(...typed)),
});

function changeIn(text: string, spec: EditSpec): TextChange {
	const offset = Math.min(text.length, Math.floor(spec.at * text.length));
	return { offset, end: Math.min(text.length, offset + spec.removed), text: spec.text };
}

describe('item-by-item updates of awkward collections', () => {
	it('equal a whole parse and validation after every edit', async () => {
		const validator = await graphValidator();
		const settings = settingVariants[1];
		let incremental = 0;
		const start = fc.record({
			items: fc.array(fc.constantFrom(...itemTexts), { minLength: 2, maxLength: 8 }),
			eol: fc.constantFrom('\n', '\r\n', '\r'),
			version: fc.constantFrom('v1.0', 'beta'),
			jsonc: fc.boolean(),
		});
		fc.assert(
			fc.property(
				start,
				fc.array(editSpec, { minLength: 1, maxLength: 8 }),
				(spec, edits) => {
					const { eol } = spec;
					const url = `https://graph.microsoft.com/${spec.version}/$metadata#x`;
					const body = spec.items.join(`,${eol}`);
					const lines = [
						'{',
						` "@odata.context": "${url}",`,
						' "value": [',
						body,
						']',
						'}',
					];
					const text = lines.join(eol);
					const json = parseDocument(text, spec.jsonc);
					const session: EditSession = {
						json,
						problems: validator.doValidation(json, settings),
						incremental: 0,
					};
					for (const each of edits) {
						applyEdit(
							validator,
							session,
							changeIn(session.json.text, each),
							settingVariants[1],
							spec.jsonc,
						);
						// Compared unbuilt: the next edit then grafts items that are still lazy.
						const whole = parseJSON(session.json.text, eagerOptions(spec.jsonc));
						assert.deepEqual(session.problems, validator.doValidation(whole, settings));
						assert.deepEqual(session.json.syntaxErrors, whole.syntaxErrors);
						assert.deepEqual(session.json.comments, whole.comments);
					}
					const whole = parseJSON(session.json.text, eagerOptions(spec.jsonc));
					assert.deepEqual(treeShape(session.json.root), treeShape(whole.root));
					incremental += session.incremental;
				},
			),
			{ numRuns: 150 },
		);
		assert.ok(incremental > 50, `only ${incremental} edits went item by item`);
	});

	it('build no other item of the collection for an edit inside one item', async () => {
		const validator = await graphValidator();
		const settings = settingVariants[1];
		const items = Array.from({ length: 200 }, (_, i) => `{"id": "${i}"}`);
		items.push('{"@odata.type": "#microsoft.graph.event", "subject": "s"}');
		const text = `{"value": [\n${items.join(',\n')}\n]}`;
		const json = parseDocument(text, false);
		const problems = validator.doValidation(json, settings);
		const at = text.indexOf('"0"') + 1;
		const next = `${text.slice(0, at)}x${text.slice(at)}`;
		const result = reparseItem(
			json,
			{ offset: at, end: at, text: 'x' },
			next,
			parseOptions(false),
		);
		assert.ok(
			result && revalidateItem(validator, result.document, result.edit, problems, settings),
		);
		// The edited item is rebuilt; the 200 others, all clean, should stay unbuilt.
		assert.equal(unbuiltCount(result.document.root), 200);
	});
});

// --- the server's text document ---------------------------------------------------------------

const piece = fc.constantFrom('a', 'bc', '\n', '\r\n', '\r', '\n\r', '\r\r', '😀', ' ', '');
const smallText = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));

/** A ranged change as a careless client may send it: any line of the text, any character. */
const rawChange = fc.record({
	from: fc.tuple(fc.nat(12), fc.nat(8)),
	to: fc.tuple(fc.nat(12), fc.nat(8)),
	text: smallText,
});

describe('the server text document', () => {
	it('answers as the library after ranges past line ends, reversed and inside CRLF', () => {
		fc.assert(
			fc.property(
				smallText,
				fc.array(rawChange, { minLength: 1, maxLength: 6 }),
				fc.boolean(),
				(start, changes, isIndexedEarly) => {
					const theirs = TextDocument.create('u', 'json', 1, start);
					const ours = new IndexedDocument('u', 'json', 1, start);
					if (isIndexedEarly) {
						void ours.lineCount;
					}
					for (const [index, spec] of changes.entries()) {
						const lines = theirs.lineCount;
						const event: TextDocumentContentChangeEvent = {
							range: {
								start: { line: spec.from[0] % lines, character: spec.from[1] },
								end: { line: spec.to[0] % lines, character: spec.to[1] },
							},
							text: spec.text,
						};
						TextDocument.update(theirs, [event], index + 2);
						ours.update([event], index + 2);
						assert.equal(ours.getText(), theirs.getText());
						assert.equal(ours.lineCount, theirs.lineCount);
						const length = theirs.getText().length;
						for (let offset = -1; offset <= length + 1; offset++) {
							assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset));
						}
						const fresh = new IndexedDocument('u', 'json', 1, ours.getText());
						assert.equal(ours.lineCount, fresh.lineCount);
					}
				},
			),
			{ numRuns: 400 },
		);
	});
});
