import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	checkIntegralLiteral,
	integerRanges,
	isDecimalString,
	isIntegerString,
} from '../../server/src/service/numbers';
import type { IntegralCheck, IntegerPrimitive } from '../../server/src/service/numbers';

const int64 = integerRanges.Int64;

describe('checkIntegralLiteral', () => {
	const int64Table: [string, IntegralCheck][] = [
		['9223372036854775807', 'ok'],
		['9223372036854775808', 'out-of-range'],
		['-9223372036854775808', 'ok'],
		['-9223372036854775809', 'out-of-range'],
		['0', 'ok'],
		['-0', 'ok'],
		['0.0', 'ok'],
		['1.0', 'ok'],
		['1.5', 'not-integral'],
		['1e3', 'ok'],
		['1E+3', 'ok'],
		['-1.5e1', 'ok'],
		['1500e-3', 'not-integral'],
		['1000e-3', 'ok'],
		['0.00000000000000000001e20', 'ok'],
		['92233720368547758.07e2', 'ok'],
		['92233720368547758.08e2', 'out-of-range'],
		['9.223372036854775807e18', 'ok'],
		['9.223372036854775808e18', 'out-of-range'],
		['1e400', 'out-of-range'],
		['1e100000000', 'out-of-range'],
		['1e-100000000', 'not-integral'],
		['0e100000000', 'ok'],
		['1.5e400', 'out-of-range'],
		['123456789012345678901234.5', 'not-integral'],
		['+5', 'ok'],
		['', 'not-integral'],
		['1.', 'not-integral'],
		['1e', 'not-integral'],
		['.5', 'not-integral'],
		['abc', 'not-integral'],
		['Infinity', 'not-integral'],
	];

	for (const [raw, expected] of int64Table) {
		it(`reads ${JSON.stringify(raw)} as ${expected} for Int64`, () => {
			assert.equal(checkIntegralLiteral(raw, int64.min, int64.max), expected);
		});
	}

	it('uses the exact boundaries of every integer type', () => {
		const boundaries: [IntegerPrimitive, string, string][] = [
			['Byte', '0', '255'],
			['SByte', '-128', '127'],
			['Int16', '-32768', '32767'],
			['Int32', '-2147483648', '2147483647'],
			['Int64', '-9223372036854775808', '9223372036854775807'],
		];
		for (const [name, low, high] of boundaries) {
			const { min, max } = integerRanges[name];
			assert.equal(checkIntegralLiteral(low, min, max), 'ok', `${name} ${low}`);
			assert.equal(checkIntegralLiteral(high, min, max), 'ok', `${name} ${high}`);
			const below = String(BigInt(low) - 1n);
			const above = String(BigInt(high) + 1n);
			assert.equal(checkIntegralLiteral(below, min, max), 'out-of-range', `${name} ${below}`);
			assert.equal(checkIntegralLiteral(above, min, max), 'out-of-range', `${name} ${above}`);
		}
	});

	it('checks a narrowed range such as an Intune description gives', () => {
		assert.equal(checkIntegralLiteral('4294967295', 0n, 4294967295n), 'ok');
		assert.equal(checkIntegralLiteral('4294967296', 0n, 4294967295n), 'out-of-range');
		assert.equal(checkIntegralLiteral('-1', 0n, 4294967295n), 'out-of-range');
		assert.equal(checkIntegralLiteral('-0', 0n, 4294967295n), 'ok');
	});

	it('bounds its work by the literal length on megabyte literals', () => {
		const megabyte = 1024 * 1024;
		const huge: [string, IntegralCheck][] = [
			['1' + '0'.repeat(megabyte), 'out-of-range'],
			['0.' + '0'.repeat(megabyte) + '1', 'not-integral'],
			['1e' + '9'.repeat(megabyte), 'out-of-range'],
			['1e-' + '9'.repeat(megabyte), 'not-integral'],
			['1' + '0'.repeat(megabyte) + 'e-' + String(megabyte), 'ok'],
			['9'.repeat(megabyte) + 'x', 'not-integral'],
		];
		for (const [raw, expected] of huge) {
			assert.equal(checkIntegralLiteral(raw, int64.min, int64.max), expected);
		}
	});
});

describe('isIntegerString and isDecimalString', () => {
	it('accepts an optional minus and digits as the string form of an Int64', () => {
		for (const value of ['0', '-1', '123', '9007199254740993', '-9223372036854775809']) {
			assert.equal(isIntegerString(value), true, value);
		}
		for (const value of ['', '-', '+1', '1.0', ' 1', '1 ', '1e3', '0x10', '\u0663']) {
			assert.equal(isIntegerString(value), false, value);
		}
	});

	it('accepts numeric strings as the string form of a Decimal', () => {
		for (const value of ['1', '-1.5', '+2', '1e10', '1.5E-3', '0.1', '007']) {
			assert.equal(isDecimalString(value), true, value);
		}
		for (const value of ['', '.5', '5.', '1e', 'NaN', 'INF', '1,5', ' 1', '1.2.3', '--1']) {
			assert.equal(isDecimalString(value), false, value);
		}
	});

	it('answers on a megabyte of digits with a bad last character', () => {
		const digits = '1'.repeat(1024 * 1024);
		assert.equal(isIntegerString(digits + 'x'), false);
		assert.equal(isDecimalString(digits + '.' + digits + 'e'), false);
		assert.equal(isDecimalString(digits + 'e' + digits), true);
	});
});
