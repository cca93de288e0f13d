/**
 * Hostile values against the engine: 10 MB strings for every value rule (no regular-expression
 * blow-up), huge numbers, prototype-named keys, and tags of every wrong kind. Each must be
 * checked in a bounded time, without throwing, with ranges an editor can show.
 */
import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import type { StructuredTypeDefinition } from '../../server/src/model/types';
import { exportSchema } from '../../server/src/service';
import type { Problem, Validator } from '../../server/src/service';
import {
	assertNoPollution,
	assertValidProblems,
	hostileEngine,
	prototypeSnapshot,
	validate,
	withinMs,
} from './reliabilitySupport';

const node = '#microsoft.graph.hostileNode';
const record = '#microsoft.graph.hostileRecord';

let validator: Validator;

before(async () => {
	validator = (await hostileEngine()).validator;
});

function codes(problems: readonly Problem[]): string[] {
	return [...new Set(problems.map((problem) => problem.code))].sort();
}

/** Checks within `ms`, asserts valid ranges, and returns the problems. */
function checkWithin(ms: number, label: string, text: string): Problem[] {
	const problems = withinMs(ms, label, () => validate(validator, text));
	assertValidProblems(text, problems, label);
	return problems;
}

describe('hostile values: long strings', () => {
	const size = 10 * 1024 * 1024;
	const long = (unit: string): string =>
		unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
	const cases: [member: string, value: string][] = [
		['label', long('x')],
		['when', `2024-01-01T${long('1')}`],
		['when', `2024-01-01 ${long('1')}`],
		['when', `2024-01-01t10:00:00${long('z')}`],
		['day', long('2024-01-01')],
		['time', `10:00:00.${long('9')}`],
		['span', `P${long('1D')}`],
		['span', `PT${long('1.')}S`],
		['span', long('pt1h')],
		['id', long('{0')],
		['content', long('A')],
		['content', long('AB+_')],
		['content', long('=')],
		['big', long('9')],
		['big', `-${long('0')}`],
		['amount', `${long('1')}.${long('2')}e`],
		['ratio', long('INF')],
		['mode', long('on,')],
		['modes', long('o')],
		['flag', long('true')],
	];
	for (const [member, value] of cases) {
		it(`checks ${member} = "${value.slice(0, 12)}…" (10 MB) in linear time`, () => {
			checkWithin(3000, member, `{"@odata.type":"${node}","${member}":"${value}"}`);
		});
	}

	it('checks 10 MB flags values without regular-expression blow-up', () => {
		for (const value of [long('aa,') + 'b', long(',')]) {
			checkWithin(
				4000,
				'flags',
				`{"@odata.type":"${record}","constructor":1,"flags":"${value}"}`,
			);
		}
	});

	it('rejects a 10 MB tag of dotted names (once a regular-expression stack overflow)', () => {
		for (const tag of [long('a.'), long('a.') + 'a', long('_'), long('.')]) {
			const problems = checkWithin(3000, 'tag', `{"@odata.type":"#${tag}"}`);
			assert.ok(problems.length <= 1);
		}
	});

	it('checks a 10 MB key, @odata.context and annotation value in linear time', () => {
		checkWithin(3000, 'key', `{"@odata.type":"${node}","${long('k')}":1}`);
		checkWithin(
			3000,
			'context',
			`{"@odata.context":"${long('/beta')}","@odata.type":"${node}"}`,
		);
		checkWithin(3000, 'count', `{"@odata.type":"${node}","@odata.count":${long('9')}}`);
		checkWithin(3000, 'link', `{"@odata.type":"${node}","@odata.nextLink":${long('1')}}`);
	});

	it('checks numbers of 100,000 digits and out-of-range exponents', () => {
		const digits = '9'.repeat(100_000);
		for (const literal of [
			digits,
			`-${digits}`,
			`0.${digits}`,
			`1e${digits}`,
			'1e-99999',
			'-0',
			'1E+400',
		]) {
			const text = `{"@odata.type":"${node}","count":${literal},"big":${literal},"ratio":${literal},"amount":${literal}}`;
			checkWithin(2000, literal.slice(0, 8), text);
		}
	});
});

describe('hostile values: prototype names', () => {
	it('lets __proto__, constructor and hasOwnProperty keys pollute nothing', () => {
		const snapshot = prototypeSnapshot();
		const hostile =
			'{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"hasOwnProperty":1}';
		const texts = [
			`{"@odata.type":"${node}","__proto__":{"polluted":1},"constructor":"x","hasOwnProperty":1,"toString":{},"valueOf":2,"payload":${hostile}}`,
			`{"@odata.type":"${record}","__proto__":{"isAdmin":true},"prototype":${hostile},"items":[${hostile}]}`,
			`{"__proto__":{"@odata.type":"${node}","x":1},"constructor":{"@odata.type":"#microsoft.graph.constructor"}}`,
			`[${hostile},{"@odata.type":"#__proto__.constructor"}]`,
		];
		for (const text of texts) {
			checkWithin(1000, 'prototype keys', text);
		}
		assertNoPollution(snapshot);
	});

	it('checks members named like prototype members as declared', () => {
		const problems = validate(
			validator,
			`{"@odata.type":"${node}","constructor":"x","hasOwnProperty":1,"toString":false,"mode":"constructor","modes":["toString","hasOwnProperty"]}`,
		);
		assert.deepEqual(
			problems.map((problem) => problem.code),
			['type-mismatch', 'type-mismatch', 'type-mismatch', 'invalid-enum-value'],
		);
	});

	it('accepts and checks a declared __proto__ member (ajv skips __proto__ in properties)', () => {
		const valid = `{"@odata.type":"${record}","constructor":1,"__proto__":"text"}`;
		assert.deepEqual(validate(validator, valid), []);
		const invalid = `{"@odata.type":"${record}","constructor":1,"__proto__":{"x":1}}`;
		assert.deepEqual(codes(validate(validator, invalid)), ['type-mismatch']);
	});
});

describe('hostile values: tags', () => {
	const tags: [value: string, expected: string[]][] = [
		['1', ['invalid-tag']],
		['null', ['invalid-tag']],
		['true', ['invalid-tag']],
		['{"@odata.type":"#microsoft.graph.hostileNode"}', ['invalid-tag']],
		['["#microsoft.graph.hostileNode"]', ['invalid-tag']],
		['""', ['invalid-tag']],
		['"#"', ['invalid-tag']],
		['"#microsoft..graph"', ['invalid-tag']],
		['"#microsoft.graph."', ['invalid-tag']],
		['"#.microsoft"', ['invalid-tag']],
		['"#microsoft.graph.hostileMode"', ['invalid-tag']],
		// Checked as the type it names but for case: the member's own problem is reported too.
		['"#microsoft.graph.hostilenode"', ['type-mismatch', 'unknown-type']],
	];
	for (const [value, expected] of tags) {
		it(`reports the tag ${value} once`, () => {
			const problems = checkWithin(500, value, `{"@odata.type":${value},"label":1}`);
			assert.deepEqual(codes(problems), expected);
		});
	}

	it('takes the first of several tags and reports the later ones as duplicates', () => {
		const text = `{"@odata.type":"${node}","@odata.type":1,"@odata.type":"${record}","count":"x"}`;
		const problems = checkWithin(500, 'several tags', text);
		assert.deepEqual(
			problems.map((problem) => problem.code),
			['duplicate-property', 'duplicate-property', 'type-mismatch'],
		);
	});

	it('ends on cyclic and self-referencing base types', () => {
		for (const name of ['cycleA', 'cycleB', 'selfBase']) {
			const text = `{"@odata.type":"#microsoft.graph.${name}","fromA":1,"fromB":"x","own":2,"z":1}`;
			assert.ok(checkWithin(1000, name, text).length > 0);
		}
	});
});

describe('hostile values: exported schemas', () => {
	it('exports prototype-named members as data, and the export pollutes nothing', async () => {
		const snapshot = prototypeSnapshot();
		const { loaded } = await hostileEngine();
		const type = loaded.model.find('microsoft.graph.hostileRecord', 'beta')?.type;
		assert.equal(type?.kind, 'structured');
		const schema = JSON.parse(
			JSON.stringify(exportSchema(loaded.model, type as StructuredTypeDefinition, 'beta')),
		) as {
			properties: Record<string, unknown>;
			patternProperties: Record<string, unknown>;
		};
		assert.ok(Object.hasOwn(schema.properties, 'constructor'));
		assert.ok(Object.hasOwn(schema.patternProperties, '^__proto__$'));
		assertNoPollution(snapshot);
	});
});
