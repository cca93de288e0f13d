/**
 * Integral checks on a number literal's own text. 2^63 - 1 and 2^63 are the same IEEE double,
 * so a range check on the parsed number cannot tell an Int64 that fits from one that does not.
 */

export type IntegralCheck = 'ok' | 'not-integral' | 'out-of-range';

export type IntegerPrimitive = 'Byte' | 'SByte' | 'Int16' | 'Int32' | 'Int64';

/** The inclusive ranges of the Edm integer types. */
export const integerRanges: Record<IntegerPrimitive, { min: bigint; max: bigint }> = {
	Byte: { min: 0n, max: 255n },
	SByte: { min: -128n, max: 127n },
	Int16: { min: -32768n, max: 32767n },
	Int32: { min: -2147483648n, max: 2147483647n },
	Int64: { min: -9223372036854775808n, max: 9223372036854775807n },
};

// One optional sign, digits, an optional fraction and an optional exponent. No quantified group
// contains another quantifier and each part starts with a distinct character, so matching is
// linear in the length of the text.
const numberLiteral = /^([+-]?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;
const integerString = /^-?[0-9]+$/;
const decimalString = /^[+-]?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/**
 * Beyond this an exponent only says "enormous" or "tiny"; clamping keeps the arithmetic exact
 * in doubles while the fraction length (at most the text's length) is subtracted from it.
 */
const exponentLimit = 1e15;

/** A literal as significant digits (no leading or trailing zeros) times a power of ten. */
interface ScaledDigits {
	isNegative: boolean;
	digits: string;
	exponent: number;
}

/**
 * Whether the number literal `raw` (JSON syntax; a leading '+' is also read) has an integral
 * value inside [min, max]. The work is bounded by the literal's length: "1e100000000" is out of
 * range without building its digits. A literal that is not a number at all is 'not-integral'.
 */
export function checkIntegralLiteral(raw: string, min: bigint, max: bigint): IntegralCheck {
	const scaled = readLiteral(raw);
	if (scaled === undefined || scaled.exponent < 0) {
		return 'not-integral';
	}
	if (scaled.digits.length === 0) {
		return min <= 0n && 0n <= max ? 'ok' : 'out-of-range';
	}
	const limit = scaled.isNegative ? min : max;
	const limitDigits = (limit < 0n ? -limit : limit).toString().length;
	if (scaled.digits.length + scaled.exponent > limitDigits) {
		return 'out-of-range';
	}
	const magnitude = BigInt(scaled.digits + '0'.repeat(scaled.exponent));
	const value = scaled.isNegative ? -magnitude : magnitude;
	return min <= value && value <= max ? 'ok' : 'out-of-range';
}

function readLiteral(raw: string): ScaledDigits | undefined {
	const match = numberLiteral.exec(raw);
	if (match === null) {
		return undefined;
	}
	const [, sign, whole, fraction = '', exponentText = '0'] = match;
	const all = whole + fraction;
	const exponent = Math.max(-exponentLimit, Math.min(exponentLimit, Number(exponentText)));
	let first = 0;
	while (first < all.length && all.charCodeAt(first) === 48) {
		first++;
	}
	let end = all.length;
	while (end > first && all.charCodeAt(end - 1) === 48) {
		end--;
	}
	return {
		isNegative: sign === '-',
		digits: all.slice(first, end),
		exponent: first === end ? 0 : exponent - fraction.length + (all.length - end),
	};
}

/** The IEEE754Compatible form of an Int64: an optional '-' and digits (range not checked). */
export function isIntegerString(value: string): boolean {
	return integerString.test(value);
}

/** A Decimal written as a numeric string: sign, digits, optional fraction and exponent. */
export function isDecimalString(value: string): boolean {
	return decimalString.test(value);
}
