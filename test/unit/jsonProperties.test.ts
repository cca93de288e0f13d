/**
 * Properties of the tree builder over generated input (fast-check, fixed seed): valid JSON gives
 * the value JSON.parse gives and no error; any text, however broken, gives a well-formed tree.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getNodeValue, parseJSON, visitNodes } from '../../server/src/json';
import type { JSONDocument, JSONNode } from '../../server/src/json';

const seed = 20240214;
const strict = { allowComments: false, allowTrailingComma: false };
const jsoncMode = { allowComments: true, allowTrailingComma: true };

/** A structural fault of a node, or undefined: ranges nest, children are ordered, links agree. */
function nodeFault(node: JSONNode, textLength: number): string | undefined {
	const end = node.offset + node.length;
	if (node.offset < 0 || node.length <= 0 || end > textLength) {
		return `range ${node.offset}+${node.length} outside the text`;
	}
	let previousEnd = node.offset;
	for (const child of node.children ?? []) {
		if (child.parent !== node) {
			return 'child with another parent';
		}
		if (child.offset < previousEnd || child.offset + child.length > end) {
			return `child ${child.type}@${child.offset} out of order or outside its parent`;
		}
		previousEnd = child.offset + child.length;
	}
	return node.type === 'property' && node.children?.[0]?.type !== 'string'
		? 'property without a key'
		: undefined;
}

function assertWellFormed(text: string, doc: JSONDocument): void {
	if (doc.root !== undefined) {
		visitNodes(doc.root, (node) => {
			assert.equal(nodeFault(node, text.length), undefined, JSON.stringify(text));
		});
	}
	let previous = -1;
	for (const error of doc.syntaxErrors) {
		assert.ok(
			error.offset > previous,
			`errors ordered, one per offset: ${JSON.stringify(text)}`,
		);
		assert.ok(error.offset + error.length <= text.length);
		previous = error.offset;
	}
}

/** JSON text with whitespace of every kind JSON allows between tokens. */
const jsonText = fc
	.tuple(fc.json({ depthSize: 'medium' }), fc.constantFrom('', '\n', '\r\n', '\t', '  '))
	.map(([text, blank]) => JSON.stringify(JSON.parse(text), null, blank));

/** A JSON text with a few characters removed, replaced or inserted. */
const brokenText = fc
	.tuple(
		jsonText,
		fc.array(
			fc.tuple(
				fc.nat(),
				fc.nat(3),
				fc.constantFrom('', '"', ',', ':', '}', ']', '{', '[', '/*', '\uD800', '\0'),
			),
		),
	)
	.map(([text, edits]) => {
		let result = text;
		for (const [at, removed, inserted] of edits) {
			const index = result.length === 0 ? 0 : at % result.length;
			result = result.slice(0, index) + inserted + result.slice(index + removed);
		}
		return result;
	});

describe('parseJSON: generated input', () => {
	it('gives the value JSON.parse gives, and no error, for valid JSON', () => {
		fc.assert(
			fc.property(jsonText, (text) => {
				const doc = parseJSON(text, strict);
				assert.deepEqual(doc.syntaxErrors, []);
				assert.deepEqual(getNodeValue(doc.root!), JSON.parse(text));
				assertWellFormed(text, doc);
			}),
			{ seed, numRuns: 300 },
		);
	});

	it('builds a well-formed tree from broken text without throwing', () => {
		fc.assert(
			fc.property(brokenText, fc.boolean(), (text, isJsonc) => {
				assertWellFormed(text, parseJSON(text, isJsonc ? jsoncMode : strict));
			}),
			{ seed, numRuns: 1000 },
		);
	});
});
