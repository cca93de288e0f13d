/**
 * Breaker 5 on the plain check and the lazy items' walk: the diagnostics of a collection must
 * be those of its items checked one by one, and those of the same text with every node built,
 * whatever order the keys come in, with repeated keys, `__proto__` and `constructor` keys,
 * annotations, nulls where the type forbids them, and numbers JSON.parse cannot tell apart.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { parseJSON } from '../../server/src/json';
import { Validator, doValidation, parseOptions } from '../../server/src/service';
import type { Problem } from '../../server/src/service';
import { loadTypes } from '../../server/src/sources/typeSources';
import type { LoadedTypes } from '../../server/src/sources/typeSources';
import { cliSettings, repoRoot } from '../helpers/engine';

const metadata = path.join(repoRoot, 'test', 'fixtures', 'breaker5', 'plain_beta.xml');
const tag = '"@odata.type":"#microsoft.graph.breakerFlat"';
const settings = cliSettings;

const numbers = [
	'0',
	'1',
	'1.0',
	'1e3',
	'-0',
	'256',
	'-1',
	'2147483648',
	'9007199254740993',
	'0.5',
];
const texts = ['"x"', '""', '"pending"', '"Pending"', '"done"', '"12"', '"2024-04-30T10:00Z"'];
const dates = ['"2024-04-31T10:00Z"', '"2023-02-29T00:00Z"', '"2024-02-29T00:00:00.5+01:00"'];
const others = ['null', 'true', 'false', '[]', '{}', '[1]', '{"a":1}'];
const value = fc.constantFrom(...numbers, ...texts, ...dates, ...others);
const key = fc.constantFrom(
	'name',
	'code',
	'count',
	'strictCount',
	'small',
	'big',
	'ratio',
	'flag',
	'strictFlag',
	'state',
	'strictState',
	'when',
	'strictWhen',
	'constructor',
	'__proto__',
	'toString',
	'unknown',
	'@odata.etag',
	'@odata.Etag',
	'@odata.count',
	'count@odata.type',
	'@custom.note',
	'1',
);

/** An item's text: its tag first, last or in between, then members in any order. */
const item = fc
	.tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), fc.nat(6))
	.map(([members, at]) => {
		const texts = members.map(([name, text]) => `${JSON.stringify(name)}:${text}`);
		texts.splice(Math.min(at, texts.length), 0, tag);
		return `{${texts.join(',')}}`;
	});

/** A run that repeats some items, as collections do, with keys in the same order. */
const run = fc
	.array(fc.tuple(item, fc.nat(2)), { minLength: 1, maxLength: 8 })
	.map((items) => items.flatMap(([text, repeats]) => Array<string>(repeats + 1).fill(text)));

let loaded: LoadedTypes;

function problemsOf(text: string, isEager: boolean): Problem[] {
	// A fresh validator for each check: no cache of one check can then answer another.
	const validator = new Validator(loaded.model);
	const eager = parseJSON(text, { ...parseOptions(false), lazyItems: false });
	return doValidation(validator, text, settings, isEager ? eager : undefined);
}

/** code, range relative to the item and message (with the item's index as 0), per problem. */
function relative(problems: Problem[], start: number, end: number, index: number): string[] {
	return problems
		.filter((problem) => problem.offset >= start && problem.offset < end)
		.map((problem) => {
			const message = problem.message.replaceAll(`value[${index}]`, 'value[0]');
			return `${problem.code}@${problem.offset - start}+${problem.length} ${message}`;
		});
}

describe('the plain check of a collection (breaker 5)', () => {
	before(async () => {
		loaded = await loadTypes({ docs: [], metadata: [metadata] });
	});

	it('reports for a collection what it reports with every node built', () => {
		fc.assert(
			fc.property(run, (items) => {
				const text = `{"value":[${items.join(',')}]}`;
				assert.deepEqual(problemsOf(text, false), problemsOf(text, true));
			}),
			{ numRuns: 400 },
		);
	});

	it('reports for each item of a collection what it reports for the item alone', () => {
		const validator = new Validator(loaded.model);
		fc.assert(
			fc.property(run, (items) => {
				const text = `{"value":[${items.join(',')}]}`;
				// One validator for every check, as the server keeps one: its caches must not
				// carry one item's answer over to another.
				const together = doValidation(validator, text, settings);
				let start = '{"value":['.length;
				items.forEach((each, index) => {
					const alone = `{"value":[${each}]}`;
					const offset = '{"value":['.length;
					const expected = relative(
						doValidation(validator, alone, settings),
						offset,
						offset + each.length,
						0,
					);
					assert.deepEqual(
						relative(together, start, start + each.length, index),
						expected,
					);
					start += each.length + 1;
				});
			}),
			{ numRuns: 300 },
		);
	});
});
