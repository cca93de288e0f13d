import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as jsonc from 'jsonc-parser';
import {
	findNodeAtLocation,
	findNodeAtOffset,
	getNodePath,
	getNodeValue,
	getPropertyValue,
	isOffsetInComment,
	parseJSON,
	visitNodes,
} from '../../server/src/json';
import type { JSONNode } from '../../server/src/json';

const cases = path.resolve(__dirname, '../../../../shared/cases');
const strict = { allowComments: false, allowTrailingComma: false };
const jsoncMode = { allowComments: true, allowTrailingComma: true };

function parseRoot(text: string): JSONNode {
	return parseJSON(text, jsoncMode).root!;
}

/** A node as `type value` (or just its type for containers), for compact assertions. */
function describeNode(node: JSONNode | undefined): string | undefined {
	if (node === undefined) {
		return undefined;
	}
	return node.value === undefined ? node.type : `${node.type} ${String(node.value)}`;
}

function allNodes(root: JSONNode): JSONNode[] {
	const nodes: JSONNode[] = [];
	visitNodes(root, (node) => {
		nodes.push(node);
	});
	return nodes;
}

describe('findNodeAtOffset', () => {
	const text = '{"a": [1, "xy"], "b": {"c": null}}';
	const root = parseRoot(text);

	it('finds the innermost node at an offset', () => {
		const expectations: [string, string | undefined][] = [
			['"a"', 'string a'],
			['[1', 'array'],
			['1,', 'number 1'],
			['"xy"', 'string xy'],
			[': {', 'property'],
			['null', 'null null'],
			[', "b"', 'object'],
		];
		for (const [marker, expected] of expectations) {
			const node = findNodeAtOffset(root, text.indexOf(marker));
			assert.equal(describeNode(node), expected, marker);
		}
	});

	it('counts the offset right after a node only with includeRightBound', () => {
		const afterXy = text.indexOf('"xy"') + 4;
		assert.equal(describeNode(findNodeAtOffset(root, afterXy)), 'array');
		assert.equal(describeNode(findNodeAtOffset(root, afterXy, true)), 'string xy');
		assert.equal(findNodeAtOffset(root, text.length), undefined);
		assert.equal(findNodeAtOffset(root, text.length, true), root);
		assert.equal(findNodeAtOffset(root, -1), undefined);
	});

	it('agrees with jsonc-parser at every offset of a real document', () => {
		const document = fs.readFileSync(path.join(cases, 'C28.json'), 'utf8');
		const ours = parseRoot(document);
		for (let offset = 0; offset <= document.length; offset++) {
			for (const includeRightBound of [false, true]) {
				const expected = jsonc.findNodeAtOffset(
					ours as jsonc.Node,
					offset,
					includeRightBound,
				);
				const actual = findNodeAtOffset(ours, offset, includeRightBound);
				assert.equal(
					actual,
					expected,
					`offset ${offset}, right bound ${includeRightBound}`,
				);
			}
		}
	});

	it('finds a key among 100,000 properties', () => {
		const keys = Array.from({ length: 100000 }, (_, index) => `"k${index}": ${index}`);
		const wide = `{${keys.join(', ')}}`;
		const node = findNodeAtOffset(parseRoot(wide), wide.indexOf('"k77777"') + 2);
		assert.equal(describeNode(node), 'string k77777');
	});

	it('walks 100,000 levels of nesting down to the innermost node', () => {
		const depth = 100000;
		const deep = '['.repeat(depth) + ']'.repeat(depth);
		const node = findNodeAtOffset(parseRoot(deep), depth);
		assert.deepEqual([node?.offset, node?.length], [depth - 1, 2]);
	});
});

describe('getNodePath', () => {
	it('names properties by key and items by index', () => {
		const text = '{"a": [1, {"b": [true, "x"]}], "c": 2}';
		const root = parseRoot(text);
		const x = findNodeAtOffset(root, text.indexOf('"x"'))!;
		assert.deepEqual(getNodePath(x), ['a', 1, 'b', 1]);
		const key = findNodeAtOffset(root, text.indexOf('"c"'))!;
		assert.deepEqual(getNodePath(key), ['c']);
		assert.deepEqual(getNodePath(key.parent!), []);
		assert.deepEqual(getNodePath(root), []);
	});

	it('agrees with jsonc-parser for every node of a real document', () => {
		const root = parseRoot(fs.readFileSync(path.join(cases, 'C25.json'), 'utf8'));
		for (const node of allNodes(root)) {
			assert.deepEqual(getNodePath(node), jsonc.getNodePath(node as jsonc.Node));
		}
	});

	it('builds the path of a node 100,000 levels deep', () => {
		const depth = 100000;
		const root = parseRoot('['.repeat(depth) + ']'.repeat(depth));
		const innermost = findNodeAtOffset(root, depth)!;
		const path = getNodePath(innermost);
		assert.equal(path.length, depth - 1);
		assert.ok(path.every((segment) => segment === 0));
	});
});

describe('isOffsetInComment', () => {
	it('tells offsets inside comments from those at their edges', () => {
		const text = '// line\n{"a": /* block */ 1}\n/* open';
		const doc = parseJSON(text, jsoncMode);
		const expectations: [number, boolean][] = [
			[0, false],
			[1, true],
			[7, true],
			[8, false],
			[text.indexOf('/* block'), false],
			[text.indexOf('block'), true],
			[text.indexOf(' 1}'), false],
			[text.indexOf('/* open') + 1, true],
			[text.length, true],
		];
		for (const [offset, expected] of expectations) {
			assert.equal(isOffsetInComment(doc, offset), expected, `offset ${offset}`);
		}
	});

	it('finds comments in strict mode too, where they are errors', () => {
		const doc = parseJSON('{"a": 1 // note\n}', strict);
		assert.equal(isOffsetInComment(doc, 10), true);
		assert.equal(doc.syntaxErrors.length, 1);
	});
});

describe('visitNodes', () => {
	it('visits nodes in document order, each before its children', () => {
		const root = parseRoot('{"a": [1, 2], "b": 3}');
		const order = allNodes(root).map(describeNode);
		assert.deepEqual(order, [
			'object',
			'property',
			'string a',
			'array',
			'number 1',
			'number 2',
			'property',
			'string b',
			'number 3',
		]);
	});

	it('skips the children of a node when the visitor returns false', () => {
		const root = parseRoot('{"a": [1, 2], "b": 3}');
		const seen: string[] = [];
		visitNodes(root, (node) => {
			seen.push(describeNode(node)!);
			return node.type !== 'array';
		});
		assert.deepEqual(seen, [
			'object',
			'property',
			'string a',
			'array',
			'property',
			'string b',
			'number 3',
		]);
	});

	it('visits 100,000 levels of nesting', () => {
		const depth = 100000;
		const root = parseRoot('{"a": '.repeat(depth) + '1' + '}'.repeat(depth));
		let objects = 0;
		visitNodes(root, (node) => {
			objects += node.type === 'object' ? 1 : 0;
		});
		assert.equal(objects, depth);
	});
});

describe('getNodeValue and lookups', () => {
	it('gives the value JSON.parse gives for a real document', () => {
		for (const name of ['C22.json', 'C25.json', 'C28.json']) {
			const text = fs.readFileSync(path.join(cases, name), 'utf8');
			assert.deepEqual(getNodeValue(parseRoot(text)), JSON.parse(text), name);
		}
	});

	it('lets a later duplicate key win and leaves out properties without a value', () => {
		const root = parseJSON('{"a": 1, "b": , "a": 2}', strict).root!;
		assert.deepEqual(getNodeValue(root), { a: 2 });
	});

	it('turns a __proto__ key into an own property', () => {
		const value = getNodeValue(parseRoot('{"__proto__": {"isAdmin": true}}')) as object;
		assert.equal(Object.getPrototypeOf(value), Object.prototype);
		assert.deepEqual(Object.keys(value), ['__proto__']);
		assert.equal((value as { isAdmin?: boolean }).isAdmin, undefined);
	});

	it('builds the value of 100,000 nested arrays', () => {
		const depth = 100000;
		let value = getNodeValue(parseRoot('['.repeat(depth) + ']'.repeat(depth)));
		let levels = 0;
		while (Array.isArray(value)) {
			levels++;
			value = value[0];
		}
		assert.equal(levels, depth);
	});

	it('finds nodes by path and properties by name, the first of a name', () => {
		const root = parseRoot('{"a": [{"b": 1}, {"b": 2, "b": 3}], "c": null}');
		assert.equal(describeNode(findNodeAtLocation(root, ['a', 1, 'b'])), 'number 2');
		assert.equal(findNodeAtLocation(root, ['a', 2]), undefined);
		assert.equal(findNodeAtLocation(root, ['c', 'x']), undefined);
		assert.equal(findNodeAtLocation(root, []), root);
		assert.equal(describeNode(getPropertyValue(root, 'c')), 'null null');
		assert.equal(getPropertyValue(root, 'missing'), undefined);
	});
});
