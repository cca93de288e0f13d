/**
 * Hostile document shapes against the engine: nesting 100,000 deep, 100,000 members, and
 * documents over the size limit. Each must be checked in a bounded time, without throwing,
 * with ranges an editor can show. Hostile values are in hostileValues.test.ts.
 */
import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import { TypeModel } from '../../server/src/model/typeModel';
import type { TypeDefinition } from '../../server/src/model/types';
import { Validator, doValidation } from '../../server/src/service';
import type { Problem } from '../../server/src/service';
import {
	assertValidProblems,
	cliSettings,
	hostileEngine,
	validate,
	withinMs,
} from './reliabilitySupport';

const node = '#microsoft.graph.hostileNode';
const deep = 100_000;

let validator: Validator;

before(async () => {
	validator = (await hostileEngine()).validator;
});

function codes(problems: readonly Problem[]): string[] {
	return [...new Set(problems.map((problem) => problem.code))].sort();
}

/** Checks within `ms`, asserts valid ranges, and returns the problems. */
function checkWithin(ms: number, label: string, text: string, jsonc = false): Problem[] {
	const problems = withinMs(ms, label, () => validate(validator, text, jsonc));
	assertValidProblems(text, problems, label);
	return problems;
}

describe('hostile documents: depth', () => {
	const shapes: [name: string, text: string][] = [
		['arrays', '['.repeat(deep) + ']'.repeat(deep)],
		['objects', '{"a":'.repeat(deep) + '1' + '}'.repeat(deep)],
		[
			'typed children',
			`{"@odata.type":"${node}","child":` +
				'{"child":'.repeat(deep) +
				'1' +
				'}'.repeat(deep + 1),
		],
		[
			'typed collections',
			`{"@odata.type":"${node}","children":` +
				'[{"children":'.repeat(deep) +
				'1' +
				'}]'.repeat(deep) +
				'}',
		],
		[
			'untyped payload',
			`{"@odata.type":"${node}","payload":` +
				'[{"x":'.repeat(deep) +
				'1' +
				'}]'.repeat(deep) +
				'}',
		],
		['unclosed', `{"@odata.type":"${node}","child":` + '{"child":'.repeat(deep)],
		['only openers', '[{'.repeat(deep)],
		['only closers', '}]'.repeat(deep)],
	];
	for (const [name, text] of shapes) {
		it(`checks ${deep} levels of ${name} without overflowing the stack`, () => {
			checkWithin(10000, name, text);
		});
	}

	it('names a bounded path in messages at any depth (once quadratic: a tag per level, each with a problem)', () => {
		const levels = 20_000;
		const text =
			`{"@odata.type":"${node}","count":"x","child":`.repeat(levels) +
			'1' +
			'}'.repeat(levels);
		const problems = checkWithin(10000, 'tagged chain', text);
		assert.equal(
			problems.filter((problem) => problem.code === 'type-mismatch').length,
			levels + 1,
		);
		const longest = Math.max(...problems.map((problem) => problem.message.length));
		assert.ok(longest < 600, `a message has ${longest} characters`);
	});

	it('reports duplicate keys at every level of a deep chain in linear time', () => {
		const levels = 20_000;
		const text =
			`{"@odata.type":"${node}","payload":` +
			'[{"a":1,"a":2,"x":'.repeat(levels) +
			'1' +
			'}]'.repeat(levels) +
			'}';
		const problems = checkWithin(10000, 'duplicates chain', text);
		assert.equal(
			problems.filter((problem) => problem.code === 'duplicate-property').length,
			levels,
		);
	});
});

describe('hostile documents: width', () => {
	const members = (make: (index: number) => string): string =>
		`{"@odata.type":"${node}",` +
		Array.from({ length: deep }, (_, i) => make(i)).join(',') +
		'}';

	it('reports 100,000 unknown members in linear time (once quadratic: each key searched all members)', () => {
		const problems = checkWithin(
			15000,
			'unknown keys',
			members((i) => `"k${i}":${i}`),
		);
		assert.equal(
			problems.filter((problem) => problem.code === 'unknown-property').length,
			deep,
		);
	});

	it('reports 100,000 repeats of one key in linear time', () => {
		const problems = checkWithin(
			15000,
			'repeated key',
			members((i) => `"count":${i}`),
		);
		assert.equal(
			problems.filter((problem) => problem.code === 'duplicate-property').length,
			deep - 1,
		);
	});

	it('checks 100,000 annotations and 100,000 collection items in linear time', () => {
		checkWithin(
			15000,
			'annotations',
			members((i) => `"@odata.x${i}":1`),
		);
		const items = Array.from({ length: deep }, (_, i) => (i % 2 ? '"on"' : '"bad"')).join(',');
		const problems = checkWithin(
			15000,
			'items',
			`{"@odata.type":"${node}","modes":[${items}]}`,
		);
		assert.equal(problems.length, deep / 2);
	});

	it('checks 100,000 one-item arrays in one object in linear time (once quadratic: each array read the members before it)', () => {
		const item = (i: number): string =>
			`{"@odata.type":"${node}","count":${i % 2 ? 1 : '"x"'}}`;
		// In the tagged root each member is unknown too; in a plain one only the items count.
		const inTagged = checkWithin(
			15000,
			'arrays in a tagged object',
			members((i) => `"a${i}":[${item(i)}]`),
		);
		assert.equal(inTagged.length, deep + deep / 2);
		const arrays = Array.from({ length: deep }, (_, i) => `"a${i}":[${item(i)}]`).join(',');
		const inPlain = checkWithin(15000, 'arrays in a plain object', `{${arrays}}`);
		assert.equal(inPlain.length, deep / 2);
	});

	it('checks 30,000 tagged objects in a value array in linear time', () => {
		const count = 30_000;
		const item = `{"@odata.type":"${node}","count":"x","when":"2024-13-01T00:00:00Z"}`;
		const text = `{"value":[${Array.from({ length: count }, () => item).join(',')}]}`;
		const problems = checkWithin(15000, 'value array', text);
		assert.equal(problems.length, 2 * count);
	});
});

describe('hostile documents: many wrong tags against many types', () => {
	it('suggests for 50,000 wrong tags among 5,000 types in linear time (once over two minutes)', () => {
		const definitions: TypeDefinition[] = Array.from({ length: 5000 }, (_, i) => ({
			kind: 'structured',
			name: `microsoft.graph.generatedType${i}`,
			isAbstract: false,
			isOpen: false,
			isEntity: false,
			description: '',
			properties: [],
			source: 'page',
		}));
		const many = new Validator(new TypeModel(definitions));
		const items = Array.from(
			{ length: 50_000 },
			(_, i) => `{"@odata.type":"#microsoft.graph.generatedTyp${i % 20}"}`,
		);
		const text = `{"value":[${items.join(',')}]}`;
		const problems = withinMs(8000, 'wrong tags', () => validate(many, text));
		assert.equal(problems.length, 50_000);
		assert.match(problems[0].message, /Did you mean "microsoft\.graph\.generatedType0"\?/);
	});
});

describe('hostile documents: size limit', () => {
	it('notes a 100 MB document once, quickly, without parsing it', () => {
		const text = '{"@odata.type":' + ' '.repeat(100 * 1024 * 1024) + '}';
		const problems = withinMs(2000, '100 MB', () => validate(validator, text));
		assert.deepEqual(
			problems.map((problem) => [problem.code, problem.offset, problem.length]),
			[['not-checked', 0, 1]],
		);
	});

	it('notes on the whole first character: a surrogate pair or CRLF (once half a pair)', () => {
		const settings = { ...cliSettings, maxFileSize: 4 };
		for (const start of ['\u{1F600}', '\r\n', '\uFEFF', '\uD800', '']) {
			const text = start + '{"a": 1}';
			const problems = doValidation(validator, text, settings);
			assert.deepEqual(codes(problems), ['not-checked']);
			assertValidProblems(text, problems, JSON.stringify(start));
		}
	});
});
