import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as jsonc from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findNodeAtOffset, getNodeValue, parseJSON, visitNodes } from '../../server/src/json';
import type { JSONDocument, JSONNode, ParseOptions } from '../../server/src/json';

const cases = path.resolve(__dirname, '../../../../shared/cases');
const fixtures = path.resolve(__dirname, '../../../test/fixtures/json');
const strict: ParseOptions = { allowComments: false, allowTrailingComma: false };
const jsoncMode: ParseOptions = { allowComments: true, allowTrailingComma: true };

function readCase(name: string): string {
	return fs.readFileSync(path.join(cases, name), 'utf8');
}

/** The document's value with `<missing>` for a property that has a key but no value. */
function shape(node: JSONNode | undefined): any {
	if (node === undefined) {
		return undefined;
	}
	if (node.type === 'array') {
		return node.children!.map(shape);
	}
	if (node.type !== 'object') {
		return node.value;
	}
	return node.children!.map((property) => {
		const [key, value] = property.children!;
		return [key.value, value === undefined ? '<missing>' : shape(value)];
	});
}

/** Each syntax error as `message @ (line,character)-(line,character)`. */
function errorsAt(text: string, doc: JSONDocument): string[] {
	const document = TextDocument.create('file:///test.json', 'json', 1, text);
	return doc.syntaxErrors.map((error) => {
		const range = rangeText(document, error.offset, error.length);
		return `${error.message} @ ${range}`;
	});
}

function rangeText(document: TextDocument, offset: number, length: number): string {
	const start = document.positionAt(offset);
	const end = document.positionAt(offset + length);
	return `(${start.line},${start.character})-(${end.line},${end.character})`;
}

function propertyValue(root: JSONNode, name: string): JSONNode | undefined {
	const property = root.children!.find((item) => item.children![0].value === name);
	return property?.children![1];
}

/** Every node as type@offset+length, in document order. */
function layout(root: JSONNode | undefined): string[] {
	const lines: string[] = [];
	if (root !== undefined) {
		visitNodes(root, (node) => {
			lines.push(`${node.type}@${node.offset}+${node.length}`);
		});
	}
	return lines;
}

describe('parseJSON: nodes and offsets', () => {
	it('builds objects, arrays and literals whose ranges include quotes and brackets', () => {
		const text = '{"a": [1, "x", true, false, null]}';
		const doc = parseJSON(text, strict);
		const root = doc.root!;
		assert.deepEqual(doc.syntaxErrors, []);
		assert.deepEqual(
			[root.type, root.offset, root.length, root.isClosed],
			['object', 0, 34, true],
		);
		const property = root.children![0];
		assert.deepEqual([property.type, property.offset, property.length], ['property', 1, 32]);
		assert.equal(property.colonOffset, 4);
		const array = property.children![1];
		assert.deepEqual(
			[array.type, array.offset, array.length, array.isClosed],
			['array', 6, 27, true],
		);
		const items = array.children!.map((item) => [
			item.type,
			item.offset,
			item.length,
			item.value,
		]);
		assert.deepEqual(items, [
			['number', 7, 1, 1],
			['string', 10, 3, 'x'],
			['boolean', 15, 4, true],
			['boolean', 21, 5, false],
			['null', 28, 4, null],
		]);
	});

	it('links every node to its parent and keys to their property', () => {
		const doc = parseJSON('{"a": {"b": [1, {"c": null}]}, "d": 2}', strict);
		visitNodes(doc.root!, (node) => {
			for (const child of node.children ?? []) {
				assert.equal(child.parent, node);
			}
		});
		const key = doc.root!.children![1].children![0];
		assert.deepEqual([key.type, key.value, key.parent?.type], ['string', 'd', 'property']);
	});

	it('keeps the exact text of every number literal beside its value', () => {
		const text = '[9223372036854775807, 9223372036854775808, -0, 1e400, 1.50, 2E-3]';
		const items = parseJSON(text, strict).root!.children!;
		assert.deepEqual(
			items.map((item) => item.raw),
			['9223372036854775807', '9223372036854775808', '-0', '1e400', '1.50', '2E-3'],
		);
		assert.equal(items[0].value, items[1].value);
		assert.equal(items[3].value, Infinity);
		assert.ok(Object.is(items[2].value, -0));
		assert.equal(items[1].children, undefined);
	});

	it('keeps the whole text of a broken number literal in raw', () => {
		const doc = parseJSON('[1e, 2.]', strict);
		const items = doc.root!.children!;
		assert.deepEqual(
			items.map((item) => [item.raw, item.value, item.length]),
			[
				['1e', 1, 2],
				['2.', 2, 2],
			],
		);
		assert.equal(doc.syntaxErrors.length, 2);
	});

	it('unescapes string values but measures strings in the source text', () => {
		const text = String.raw`["a\u0041\n\"", "\/\\"]`;
		const [first, second] = parseJSON(text, strict).root!.children!;
		assert.deepEqual([first.value, first.offset, first.length], ['aA\n"', 1, 13]);
		assert.deepEqual([second.value, second.length], ['/\\', 6]);
	});

	it('gives every node the same fields in the same order', () => {
		const doc = parseJSON('{"a": [1, "s", true, null, {}], "b": }', strict);
		const fieldLists = new Set<string>();
		visitNodes(doc.root!, (node) => {
			fieldLists.add(Object.keys(node).join(','));
		});
		assert.deepEqual(
			[...fieldLists],
			['type,offset,length,parent,children,value,raw,colonOffset,isClosed'],
		);
	});

	it('keeps duplicate keys as separate properties without reporting them', () => {
		const doc = parseJSON('{"a": 1, "a": 2}', strict);
		assert.deepEqual(doc.syntaxErrors, []);
		assert.deepEqual(shape(doc.root), [
			['a', 1],
			['a', 2],
		]);
	});

	it('keeps a __proto__ key as an ordinary key and touches no prototype', () => {
		const doc = parseJSON('{"__proto__": {"polluted": true}, "constructor": 1}', strict);
		const key = doc.root!.children![0].children![0];
		assert.equal(key.value, '__proto__');
		assert.equal(Object.getPrototypeOf(doc.root), Object.prototype);
		assert.equal(({} as Record<string, unknown>).polluted, undefined);
		const value = getNodeValue(doc.root!) as Record<string, unknown>;
		assert.ok(Object.hasOwn(value, '__proto__'));
		assert.equal(Object.getPrototypeOf(value), Object.prototype);
	});

	it('skips a byte order mark without an error and counts it in offsets', () => {
		const doc = parseJSON('\uFEFF{"a": 1}', strict);
		assert.deepEqual(doc.syntaxErrors, []);
		assert.equal(doc.root!.offset, 1);
	});

	it('reads lone surrogates and NUL characters without throwing', () => {
		const text = '{"\uD800": "x\uDC00", "b": "\u0000"}\u0000';
		const doc = parseJSON(text, strict);
		assert.deepEqual(shape(doc.root), [
			['\uD800', 'x\uDC00'],
			['b', '\u0000'],
		]);
		assert.deepEqual(
			doc.syntaxErrors.map((error) => error.message),
			[
				'Control characters must be escaped in strings',
				'Expected end of file: the document has only one value',
			],
		);
	});

	it('matches jsonc-parser parseTree on valid documents, node for node', () => {
		for (const name of ['C01.json', 'C02.json', 'C22.json', 'C26.json', 'C28.json']) {
			const text = readCase(name);
			const expected = jsonc.parseTree(text)!;
			const ours: string[] = layout(parseJSON(text, strict).root);
			const theirs: string[] = [];
			const stack = [expected];
			while (stack.length > 0) {
				const node = stack.pop()!;
				theirs.push(`${node.type}@${node.offset}+${node.length}`);
				stack.push(...[...(node.children ?? [])].reverse());
			}
			assert.deepEqual(ours, theirs, name);
		}
	});
});

describe('parseJSON: positions', () => {
	it('counts columns in UTF-16 code units on a line with emoji (C01)', () => {
		const text = readCase('C01.json');
		const document = TextDocument.create('file:///C01.json', 'json', 1, text);
		const root = parseJSON(text, strict).root!;
		const state = propertyValue(root, 'actionState')!;
		const name = propertyValue(root, 'actionName')!;
		const stateKey = state.parent!.children![0];
		assert.equal(rangeText(document, state.offset, state.length), '(2,46)-(2,56)');
		assert.equal(rangeText(document, name.offset, name.length), '(2,16)-(2,29)');
		assert.equal(rangeText(document, stateKey.offset, stateKey.length), '(2,31)-(2,44)');
	});

	it('gives a CRLF file the same positions as its LF twin (C02)', () => {
		const crlf = readCase('C02.json');
		assert.ok(crlf.includes('\r\n'));
		const lf = crlf.replace(/\r\n/g, '\n');
		const ranges = (text: string): string[] => {
			const document = TextDocument.create('file:///C02.json', 'json', 1, text);
			const root = parseJSON(text, strict).root!;
			return ['actionState', 'totalLicensesCount'].map((name) => {
				const value = propertyValue(root, name)!;
				return rangeText(document, value.offset, value.length);
			});
		};
		assert.deepEqual(ranges(crlf), ['(2,17)-(2,27)', '(3,24)-(3,27)']);
		assert.deepEqual(ranges(lf), ranges(crlf));
	});

	it('leaves positions unchanged by comments in JSONC and in strict JSON (C05)', () => {
		const text = readCase('C05.jsonc');
		const document = TextDocument.create('file:///C05.jsonc', 'jsonc', 1, text);
		const lenient = parseJSON(text, jsoncMode);
		const strictDoc = parseJSON(text, strict);
		assert.deepEqual(lenient.syntaxErrors, []);
		const state = propertyValue(lenient.root!, 'actionState')!;
		const count = propertyValue(lenient.root!, 'failedLicensesCount')!;
		assert.equal(rangeText(document, state.offset, state.length), '(7,17)-(7,27)');
		assert.equal(rangeText(document, count.offset, count.length), '(8,25)-(8,28)');
		assert.deepEqual(layout(strictDoc.root), layout(lenient.root));
		assert.deepEqual(strictDoc.comments, lenient.comments);
		assert.deepEqual(errorsAt(text, strictDoc), [
			'Comments are not allowed in JSON @ (0,0)-(0,29)',
			'Comments are not allowed in JSON @ (1,0)-(4,3)',
			'Comments are not allowed in JSON @ (6,73)-(6,84)',
		]);
	});
});

describe('parseJSON: tolerant parsing', () => {
	it('keeps both properties around a missing comma and reports it on the next key (C04)', () => {
		const text = readCase('C04.json');
		const doc = parseJSON(text, strict);
		assert.deepEqual(errorsAt(text, doc), ['Expected comma @ (3,2)-(3,19)']);
		assert.deepEqual(shape(doc.root).slice(1), [
			['userId', 'user-0001'],
			['managedDeviceId', 'device-0001'],
		]);
	});

	it('keeps a property with a key and no value, and an unterminated value (C10)', () => {
		const text = readCase('C10.json');
		const doc = parseJSON(text, strict);
		assert.deepEqual(errorsAt(text, doc), [
			'Expected a value @ (2,17)-(2,18)',
			'Unterminated string @ (3,25)-(3,26)',
		]);
		assert.deepEqual(shape(doc.root).slice(1), [
			['actionState', '<missing>'],
			['actionFailureReason', ''],
		]);
		assert.equal(doc.root!.isClosed, true);
	});

	it('does not let an unfinished key swallow the properties below it (C12)', () => {
		const text = readCase('C12.json');
		const doc = parseJSON(text, strict);
		assert.deepEqual(shape(doc.root).slice(1), [
			['act', '<missing>'],
			['actionState', 'done'],
			['actionName', 'revoke'],
		]);
		assert.deepEqual(errorsAt(text, doc), ['Unterminated string @ (2,2)-(2,6)']);
	});

	it('keeps the properties of an object cut off by the end of the file (C14)', () => {
		const text = readCase('C14.json');
		const doc = parseJSON(text, strict);
		assert.deepEqual(errorsAt(text, doc), [
			"Unexpected end of file: expected '}' @ (3,2)-(3,2)",
		]);
		assert.deepEqual(shape(doc.root).slice(1), [['actionState', 'done']]);
		const root = doc.root!;
		assert.deepEqual([root.isClosed, root.offset + root.length], [false, text.length]);
		assert.equal(findNodeAtOffset(root, text.length, true), root);
	});

	it('reports an empty document once and builds no tree (C14-empty)', () => {
		for (const text of [readCase('C14-empty.json'), '  \n', '// only a comment\n']) {
			const doc = parseJSON(text, jsoncMode);
			assert.equal(doc.root, undefined);
			assert.deepEqual(
				doc.syntaxErrors.map((error) => [error.offset, error.message]),
				[[0, 'Empty document: expected a JSON value']],
			);
		}
	});

	const broken: { text: string; errors: string[]; shape: unknown }[] = [
		{
			text: '{"a": 1 "b": 2}',
			errors: ['Expected comma @ "b"'],
			shape: [
				['a', 1],
				['b', 2],
			],
		},
		{ text: '[1 2]', errors: ['Expected comma @ 2'], shape: [1, 2] },
		{ text: '{"a" 1}', errors: ['Expected colon @ 1'], shape: [['a', 1]] },
		{ text: '{"a" = 1}', errors: ['Expected colon @ ='], shape: [['a', 1]] },
		{ text: '{"a": }', errors: ['Expected a value @ }'], shape: [['a', '<missing>']] },
		{
			text: '{"a": tru, "b": 2}',
			errors: ['Expected a value @ tru'],
			shape: [
				['a', '<missing>'],
				['b', 2],
			],
		},
		{ text: '{a: 1, "b": 2}', errors: ['Expected a property name @ a'], shape: [['b', 2]] },
		{
			text: '{"a": 1 x {"y": 1}, "b": 2}',
			errors: ['Expected comma @ x'],
			shape: [
				['a', 1],
				['b', 2],
			],
		},
		{
			text: '{"a":\n"b": 2}',
			errors: ['Expected a value @ "b"'],
			shape: [
				['a', '<missing>'],
				['b', 2],
			],
		},
		{
			text: '{"a" \n "b": 2}',
			errors: ['Expected colon @ "b"'],
			shape: [
				['a', '<missing>'],
				['b', 2],
			],
		},
		{
			text: '{"a": "x\n"b": 2}',
			errors: ['Unterminated string @ "x'],
			shape: [
				['a', 'x'],
				['b', 2],
			],
		},
		{ text: '{"a": [1, 2}', errors: ["Expected ']' @ }"], shape: [['a', [1, 2]]] },
		{
			text: '{"a": [1,\n"b": 2}',
			errors: ['Expected \']\' @ "b"'],
			shape: [
				['a', [1]],
				['b', 2],
			],
		},
		{ text: '[{"a": 1]', errors: ["Expected '}' @ ]"], shape: [[['a', 1]]] },
		{
			text: '[1]]',
			errors: ['Expected end of file: the document has only one value @ ]'],
			shape: [1],
		},
		{
			text: '{"a": 1}}',
			errors: ['Expected end of file: the document has only one value @ }'],
			shape: [['a', 1]],
		},
		{
			text: '[1}',
			errors: ["Unexpected '}' @ }", "Unexpected end of file: expected ']' @ "],
			shape: [1],
		},
		{
			text: '{"a": 1]',
			errors: ["Unexpected ']' @ ]", "Unexpected end of file: expected '}' @ "],
			shape: [['a', 1]],
		},
		{ text: '} 1', errors: ['Expected a value @ }'], shape: 1 },
		{ text: '{,"a": 1}', errors: ['Expected a property name @ ,'], shape: [['a', 1]] },
		{ text: '[,1]', errors: ['Expected a value @ ,'], shape: [1] },
		{ text: '[1,,2]', errors: ['Expected a value @ ,'], shape: [1, 2] },
		{ text: '{"a": 1,}', errors: ['Trailing comma @ ,'], shape: [['a', 1]] },
		{ text: '[1,]', errors: ['Trailing comma @ ,'], shape: [1] },
		{ text: '[1 /* c */]', errors: ['Comments are not allowed in JSON @ /* c */'], shape: [1] },
		{
			text: '{"a": [1, {"b": ',
			errors: ['Unexpected end of file: expected a value @ '],
			shape: [['a', [1, [['b', '<missing>']]]]],
		},
		{
			text: '{"a"',
			errors: ["Unexpected end of file: expected ':' @ "],
			shape: [['a', '<missing>']],
		},
		{ text: '[1, 2', errors: ["Unexpected end of file: expected ']' @ "], shape: [1, 2] },
		{ text: '"abc', errors: ['Unterminated string @ "abc'], shape: 'abc' },
		{ text: '["\\x"]', errors: ['Invalid escape character in string @ "\\x"'], shape: [''] },
		{
			text: '["\\u12"]',
			errors: [
				'Invalid Unicode escape: expected four hexadecimal digits after \\u @ "\\u12"',
			],
			shape: [''],
		},
		{ text: '[1.]', errors: ['Invalid number: expected digits @ 1.'], shape: [1] },
		{
			text: '[1] /* open',
			errors: ["Unterminated comment: expected '*/' @ /* open"],
			shape: [1],
		},
	];

	for (const item of broken) {
		it(`recovers from ${JSON.stringify(item.text)}`, () => {
			const doc = parseJSON(item.text, strict);
			const errors = doc.syntaxErrors.map((error) => {
				const token = item.text.slice(error.offset, error.offset + error.length);
				return `${error.message} @ ${token}`;
			});
			assert.deepEqual(errors, item.errors);
			assert.deepEqual(shape(doc.root), item.shape);
		});
	}

	it('accepts comments and trailing commas in JSONC mode only', () => {
		const text = '{\n\t// note\n\t"a": [1, 2,], /* b */\n}';
		assert.deepEqual(parseJSON(text, jsoncMode).syntaxErrors, []);
		const messages = parseJSON(text, strict).syntaxErrors.map((error) => error.message);
		assert.deepEqual(messages, [
			'Comments are not allowed in JSON',
			'Trailing comma',
			'Trailing comma',
			'Comments are not allowed in JSON',
		]);
		assert.deepEqual(
			parseJSON(text, { allowComments: true, allowTrailingComma: false }).syntaxErrors.length,
			2,
		);
	});

	it('records comments in text order, marking which ones continue at their end', () => {
		const text = '// a\n{"x": /* b */ 1}\n/* c';
		const comments = parseJSON(text, jsoncMode).comments;
		assert.deepEqual(comments, [
			{ offset: 0, length: 4, isEndInside: true },
			{ offset: 11, length: 7, isEndInside: false },
			{ offset: 22, length: 4, isEndInside: true },
		]);
	});

	it('reports one error for many containers cut off at the same position', () => {
		const doc = parseJSON('{"a": [[{"b": [1', strict);
		assert.equal(doc.syntaxErrors.length, 1);
		visitNodes(doc.root!, (node) => {
			if (node.type === 'object' || node.type === 'array') {
				assert.equal(node.isClosed, false);
				assert.equal(node.offset + node.length, 16);
			}
		});
	});
});

describe('parseJSON: size and depth', () => {
	it('parses 100,000 nested arrays without recursion', () => {
		const depth = 100000;
		const text = '['.repeat(depth) + ']'.repeat(depth);
		const doc = parseJSON(text, strict);
		assert.deepEqual(doc.syntaxErrors, []);
		let node = doc.root!;
		let levels = 1;
		while (node.children!.length > 0) {
			node = node.children![0];
			levels++;
		}
		assert.equal(levels, depth);
		assert.deepEqual([node.offset, node.length], [depth - 1, 2]);
	});

	it('parses 100,000 nested objects cut off at the end of the file, with one error', () => {
		const depth = 100000;
		const doc = parseJSON('{"a": '.repeat(depth) + '1', strict);
		assert.equal(doc.syntaxErrors.length, 1);
		let count = 0;
		visitNodes(doc.root!, (node) => {
			count += node.type === 'object' ? 1 : 0;
		});
		assert.equal(count, depth);
	});

	it('parses the 10,000-level document of C22 beside its properties', () => {
		const doc = parseJSON(readCase('C22-deep.json'), strict);
		assert.deepEqual(doc.syntaxErrors, []);
		assert.deepEqual(
			doc.root!.children!.map((property) => property.children![0].value),
			['@odata.type', 'actionState', 'extra'],
		);
	});

	it('parses an object with 100,000 keys', () => {
		const keys = Array.from({ length: 100000 }, (_, index) => `"key${index}": ${index}`);
		const doc = parseJSON(`{${keys.join(',')}}`, strict);
		const properties = doc.root!.children!;
		assert.equal(properties.length, 100000);
		assert.equal(properties[99999].children![0].value, 'key99999');
		assert.equal(properties[99999].children![1].value, 99999);
	});

	it('parses a 10 MB string value', () => {
		const long = 'x'.repeat(10 * 1024 * 1024);
		const doc = parseJSON(`{"data": "${long}"}`, strict);
		const value = doc.root!.children![0].children![1];
		assert.equal(value.length, long.length + 2);
		assert.equal(value.value, long);
	});

	it('keeps every object of a collection with typing mistakes in it', () => {
		const text = fs.readFileSync(path.join(fixtures, 'typing-mistakes.json'), 'utf8');
		const doc = parseJSON(text, strict);
		assert.deepEqual(errorsAt(text, doc), [
			'Expected comma @ (6,6)-(6,19)',
			'Unterminated string @ (10,6)-(10,15)',
			'Expected a value @ (13,6)-(13,27)',
			'Trailing comma @ (13,30)-(13,31)',
			"Expected ']' @ (19,6)-(19,19)",
			"Unexpected end of file: expected '}' @ (22,0)-(22,0)",
		]);
		const items = doc.root!.children![1].children![1].children!;
		const keys = items.map((item) =>
			item.children!.map((property) => property.children![0].value),
		);
		assert.deepEqual(keys, [
			['@odata.type', 'userId', 'actionState'],
			['@odata.type', 'actionSt', 'actionName', 'totalLicensesCount', 'failedLicensesCount'],
			['@odata.type', 'actionName', 'tags', 'actionState'],
		]);
	});
});
