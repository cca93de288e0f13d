import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { PrimitiveName } from '../../server/src/model/types';
import fc from 'fast-check';
import {
	checkDateTimeOffsetInFull,
	checkStringFormat,
	plainDateTimeOffset,
} from '../../server/src/service/formats';
import { checkIntegralLiteral, integerRanges } from '../../server/src/service/numbers';

const cases = path.resolve(__dirname, '../../../../shared/cases');

/** A value that must fail: a fragment of the message, and the suggested value if there is one. */
type Failure = [value: string, message: string, suggestion?: string];

interface Rule {
	primitive: PrimitiveName;
	valid: string[];
	invalid: Failure[];
}

const rules: Rule[] = [
	{
		primitive: 'DateTimeOffset',
		valid: [
			'2024-02-14T07:37:32Z',
			'2024-02-14T07:37:32.1234567Z',
			'2024-02-14T07:37:32.207+02:00',
			'2024-02-14T07:37:32.1Z',
			'2024-12-31T23:59:59.999999999999Z',
			'2024-02-14T07:37Z',
			'2024-02-29T00:00:00Z',
			'2000-02-29T00:00:00Z',
			'2024-01-01T00:00:00-00:00',
			'2024-01-01T00:00:00+23:59',
			'0001-01-01T00:00:00Z',
			'9999-12-31T23:59:59Z',
		],
		invalid: [
			['2024-02-14T07:37:32', 'offset is missing', '2024-02-14T07:37:32Z'],
			['2024-02-14T07:37', 'offset is missing', '2024-02-14T07:37Z'],
			['2024-02-14', 'date without a time', '2024-02-14T00:00:00Z'],
			['14/02/2024 07:37', 'Not an ISO 8601 date-time'],
			['', 'Not an ISO 8601 date-time'],
			['2024-02-14T7:37:32Z', 'Not an ISO 8601 date-time'],
			['2024-02-14T07:37:32.Z', 'Not an ISO 8601 date-time'],
			['2024-02-14X07:37:32Z', 'Not an ISO 8601 date-time'],
			['2024-02-30T07:37:32Z', 'day 30 does not exist in February'],
			['2023-02-29T00:00:00Z', 'day 29 does not exist in February'],
			['1900-02-29T00:00:00Z', 'day 29 does not exist in February'],
			['2024-04-31T00:00:00Z', 'day 31 does not exist in April'],
			['2024-01-00T00:00:00Z', 'day 00 does not exist'],
			['2024-13-01T00:00:00Z', 'month 13 does not exist'],
			['2024-00-10T00:00:00Z', 'month 00 does not exist'],
			['2024-02-14T24:00:00Z', 'hour 24'],
			['2024-02-14T23:60:00Z', 'minute 60'],
			['2024-02-14T23:59:60Z', 'second 60'],
			['2024-02-14T07:37:32.1234567890123Z', 'at most 12'],
			['2024-02-14T07:37:32+0200', 'time-zone offset', '2024-02-14T07:37:32+02:00'],
			['2024-02-14T07:37:32+24:00', 'time-zone offset'],
			['2024-02-14T07:37:32ZZ', 'time-zone offset'],
			['2024-02-14 07:37:32Z', "with 'T'", '2024-02-14T07:37:32Z'],
			['2024-02-14t07:37:32z', 'upper-case', '2024-02-14T07:37:32Z'],
		],
	},
	{
		primitive: 'Date',
		valid: ['2024-09-02', '2024-02-29', '2000-02-29', '0000-01-01', '9999-12-31'],
		invalid: [
			['2024-12-31T00:00:00Z', 'expects only the date', '2024-12-31'],
			['2024-12-31 10:00', 'expects only the date', '2024-12-31'],
			['2023-02-29', 'day 29 does not exist in February'],
			['2024-02-30T00:00:00Z', 'day 30 does not exist'],
			['2024-9-2', 'Not an ISO 8601 date'],
			['20240902', 'Not an ISO 8601 date'],
			['2024-09-02Z', 'Not an ISO 8601 date'],
			['', 'Not an ISO 8601 date'],
		],
	},
	{
		primitive: 'TimeOfDay',
		valid: [
			'08:00:00.0000000',
			'00:00',
			'23:59',
			'23:59:59',
			'12:30:15.5',
			'23:59:59.999999999999',
		],
		invalid: [
			['5:00 PM', 'Not a time of day'],
			['8:00', 'Not a time of day'],
			['12', 'Not a time of day'],
			['12:00:00.', 'Not a time of day'],
			['12:00:00Z', 'Not a time of day'],
			['', 'Not a time of day'],
			['24:00', 'hour 24'],
			['12:60', 'minute 60'],
			['12:00:60', 'second 60'],
			['12:00:00.1234567890123', 'at most 12'],
		],
	},
	{
		primitive: 'Duration',
		valid: [
			'P1D',
			'PT1H',
			'PT0.5S',
			'P1DT2H',
			'-P1D',
			'+PT1S',
			'P1DT2H3M4.5S',
			'PT36H',
			'P0D',
			'PT1M',
		],
		invalid: [
			['P', 'at least one component'],
			['-P', 'at least one component'],
			['PT', "'T' must be followed"],
			['P1DT', "'T' must be followed"],
			['P1Y', 'no years, months or weeks'],
			['P1M', 'no years, months or weeks'],
			['P2W', 'no years, months or weeks'],
			['P1Y2M3DT4H', 'no years, months or weeks'],
			['1D', 'Not an ISO 8601 duration'],
			['PT1.5H', 'Not an ISO 8601 duration'],
			['P1.5D', 'Not an ISO 8601 duration'],
			['PT1S2M', 'Not an ISO 8601 duration'],
			['PT1H1H', 'Not an ISO 8601 duration'],
			['PT-1H', 'Not an ISO 8601 duration'],
			['PT.5S', 'Not an ISO 8601 duration'],
			['PT5.S', 'Not an ISO 8601 duration'],
			['P1DT1H ', 'Not an ISO 8601 duration'],
			['', 'Not an ISO 8601 duration'],
			['pt1h', 'upper-case', 'PT1H'],
		],
	},
	{
		primitive: 'Guid',
		valid: ['00000000-0000-0000-0000-000000000000', 'A1b2C3d4-E5f6-4a7b-8c9d-0e1f2a3b4c5d'],
		invalid: [
			[
				'{a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d}',
				'without braces',
				'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
			],
			[
				'a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5d',
				'with hyphens',
				'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
			],
			['g1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'Not a GUID'],
			['a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5', 'Not a GUID'],
			['a1b2c3d4e-5f6-4a7b-8c9d-0e1f2a3b4c5d', 'Not a GUID'],
			['', 'Not a GUID'],
		],
	},
	{
		primitive: 'Binary',
		valid: ['', 'QQ==', 'QUI=', 'QUJD', 'QQ', 'QUI', '-_-_', '+/+/', 'a-_b', 'ab+/cd=='],
		invalid: [
			['Q', 'length cannot be 4n+1'],
			['QUJDR', 'length cannot be 4n+1'],
			['QQ=', 'multiple of 4'],
			['Q===', "at most two '='"],
			['QQ==QQ==', "'=' may appear only at the end"],
			['ab+', "padded with '='", 'ab+='],
			['ab/cd', 'length cannot be 4n+1'],
			['a+-b', 'mixes the standard'],
			['QQ ==', 'outside the base64 alphabets'],
			['QQ\n==', 'outside the base64 alphabets'],
			['\u00e9t\u00e9', 'outside the base64 alphabets'],
		],
	},
	{
		primitive: 'Int64',
		valid: ['9007199254740993', '0', '-9223372036854775808', '9223372036854775807'],
		invalid: [
			['9223372036854775808', 'Out of the Int64 range'],
			['-9223372036854775809', 'Out of the Int64 range'],
			['12a', 'Not an Int64'],
			['1.0', 'Not an Int64'],
			['+1', 'Not an Int64'],
			['', 'Not an Int64'],
		],
	},
	{
		primitive: 'Decimal',
		valid: ['1.5', '-1e10', '0', 'NaN', 'INF', '-INF'],
		invalid: [
			['abc', 'Not a Decimal'],
			['1,5', 'Not a Decimal'],
			['nan', 'exactly as "NaN"', 'NaN'],
			['Infinity', 'exactly as "INF"', 'INF'],
			['-infinity', 'exactly as "-INF"', '-INF'],
		],
	},
	{
		primitive: 'Double',
		valid: ['NaN', 'INF', '-INF'],
		invalid: [
			['1.5', 'only for "NaN", "INF" or "-INF"'],
			['inf', 'exactly as "INF"', 'INF'],
			['-Inf', 'exactly as "-INF"', '-INF'],
			['', 'only for "NaN"'],
		],
	},
	{
		primitive: 'Single',
		valid: ['NaN', 'INF', '-INF'],
		invalid: [['NAN', 'exactly as "NaN"', 'NaN']],
	},
	{
		primitive: 'Int32',
		valid: [],
		invalid: [['3', 'expects a JSON number']],
	},
	{
		primitive: 'Boolean',
		valid: [],
		invalid: [['true', 'expects true or false']],
	},
];

describe('checkStringFormat: value rules', () => {
	for (const rule of rules) {
		it(`accepts valid ${rule.primitive} values`, () => {
			for (const value of rule.valid) {
				assert.equal(checkStringFormat(rule.primitive, value), undefined, value);
			}
		});

		it(`explains each invalid ${rule.primitive} value and suggests an obvious fix`, () => {
			for (const [value, message, suggestion] of rule.invalid) {
				const problem = checkStringFormat(rule.primitive, value);
				assert.ok(problem, `${JSON.stringify(value)} is rejected`);
				assert.ok(problem.message.includes(message), `${value}: ${problem.message}`);
				assert.equal(problem.suggestion, suggestion, value);
				assert.ok(problem.expected.length > 0);
			}
		});
	}

	it('checks nothing for strings, URLs, JSON, streams and untyped values', () => {
		for (const primitive of ['String', 'Url', 'Json', 'Stream', 'Untyped'] as const) {
			assert.equal(checkStringFormat(primitive, '\u0000 anything {'), undefined);
		}
	});

	it('gives every suggestion in a form that passes the same check', () => {
		for (const rule of rules) {
			for (const [, , suggestion] of rule.invalid) {
				if (suggestion !== undefined) {
					assert.equal(
						checkStringFormat(rule.primitive, suggestion),
						undefined,
						suggestion,
					);
				}
			}
		}
	});
});

describe('checkStringFormat: the cases', () => {
	function readCase(name: string): { value: Record<string, unknown>[] } {
		return JSON.parse(fs.readFileSync(path.join(cases, name), 'utf8')) as {
			value: Record<string, unknown>[];
		};
	}

	it('tells apart the four DateTimeOffset faults of C25', () => {
		const values = readCase('C25.json').value.map((item) => String(item.startDateTime));
		const messages = values.map((value) => checkStringFormat('DateTimeOffset', value)?.message);
		assert.deepEqual(messages.slice(0, 3), [undefined, undefined, undefined]);
		const faults = messages.slice(3) as string[];
		assert.ok(faults[0].includes('offset is missing'));
		assert.ok(faults[1].includes('date without a time'));
		assert.ok(faults[2].includes('Not an ISO 8601 date-time'));
		assert.ok(faults[3].includes('Invalid calendar date'));
		assert.equal(new Set(faults).size, 4);
	});

	it('accepts the Int64 string of C26 and tells 2^63 - 1 from 2^63 by their digits', () => {
		const text = fs.readFileSync(path.join(cases, 'C26.json'), 'utf8');
		assert.equal(checkStringFormat('Int64', '9007199254740993'), undefined);
		const { min, max } = integerRanges.Int64;
		const remaining = /"remaining": (\d+)/.exec(text)![1];
		const deleted = /"deleted": (\d+)/.exec(text)![1];
		assert.equal(Number(remaining), Number(deleted));
		assert.equal(checkIntegralLiteral(remaining, min, max), 'ok');
		assert.equal(checkIntegralLiteral(deleted, min, max), 'out-of-range');
	});

	it('fixes the date-time given for an Edm.Date and rejects the 12-hour time of C28', () => {
		const [range, hours] = readCase('C28.json').value;
		assert.equal(checkStringFormat('Date', String(range.startDate)), undefined);
		assert.equal(checkStringFormat('Date', String(range.endDate))?.suggestion, '2024-12-31');
		assert.equal(checkStringFormat('TimeOfDay', String(hours.startTime)), undefined);
		assert.ok(checkStringFormat('TimeOfDay', String(hours.endTime)));
	});
});

describe('checkStringFormat: long input', () => {
	it('finishes on megabyte strings built to make backtracking checks slow', () => {
		const run = '1'.repeat(1024 * 1024);
		const inputs: [PrimitiveName, string][] = [
			['DateTimeOffset', `2024-02-14T07:37:32.${run}x`],
			['DateTimeOffset', `2024-02-14T07:37:32.${run}Z`],
			['TimeOfDay', `07:37:32.${run}x`],
			['Duration', `P${run}DT${run}H${run}M${run}.${run}x`],
			['Duration', `PT${'1H'.repeat(512 * 1024)}`],
			['Guid', `${run}-`],
			['Binary', `${'A'.repeat(1024 * 1024)}=!`],
			['Binary', '='.repeat(1024 * 1024)],
			['Int64', `${run}x`],
			['Decimal', `${run}.${run}e${run}x`],
			['Double', run],
		];
		for (const [primitive, value] of inputs) {
			assert.ok(checkStringFormat(primitive, value), primitive);
		}
	});

	it('checks a 10 MB valid base64 value', () => {
		assert.equal(checkStringFormat('Binary', 'QUJD'.repeat(2.5 * 1024 * 1024)), undefined);
	});

	it('takes the DateTimeOffset shortcut only for values the full reading accepts', () => {
		const digits = (count: number) =>
			fc.array(fc.constantFrom(...'0123456789'), { minLength: count, maxLength: count });
		const piece = fc.oneof(
			digits(1),
			digits(2),
			digits(4),
			fc.constantFrom(['-'], [':'], ['T'], ['t'], ['Z'], ['z'], ['.'], ['+'], [' ']),
		);
		const two = (min: number, max: number) =>
			fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
		const nearDate = fc
			.tuple(digits(4), two(0, 13), two(0, 32), two(0, 24), two(0, 60), two(0, 60))
			.chain(([year, month, day, hour, minute, second]) =>
				fc.constantFrom(
					`${year.join('')}-${month}-${day}T${hour}:${minute}Z`,
					`${year.join('')}-${month}-${day}T${hour}:${minute}:${second}.5+${hour}:${minute}`,
					`${year.join('')}-${month}-${day}T${hour}:${minute}:${second}.1234567890123Z`,
					`${year.join('')}-${month}-${day}t${hour}:${minute}z`,
				),
			);
		const text = fc.oneof(
			nearDate,
			fc.array(piece, { maxLength: 12 }).map((parts) => parts.flat().join('')),
		);
		let shortcuts = 0;
		fc.assert(
			fc.property(text, (value) => {
				if (plainDateTimeOffset.test(value)) {
					shortcuts++;
					assert.equal(checkDateTimeOffsetInFull(value), undefined, value);
				}
				assert.deepEqual(
					checkStringFormat('DateTimeOffset', value),
					checkDateTimeOffsetInFull(value),
				);
			}),
			{ numRuns: 5000 },
		);
		assert.ok(shortcuts > 200, `only ${shortcuts} values took the shortcut`);
	});
});
