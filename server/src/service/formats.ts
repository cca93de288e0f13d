/**
 * Lexical checks of Edm primitive values written as JSON strings (OData JSON format). Every
 * check reads the string once, left to right, so a 10 MB value costs linear time; no date is
 * handed to Date.parse, which rolls 30 February over to 1 March and reads a date-time without
 * an offset as local time.
 */
import type { PrimitiveName } from '../model/types';
import { checkIntegralLiteral, integerRanges, isDecimalString, isIntegerString } from './numbers';

export interface FormatProblem {
	/** What is wrong, as a sentence that does not repeat the value. */
	message: string;
	/** The accepted form, for messages such as "expected …". */
	expected: string;
	/** A corrected value, when one is obvious (the text of the string, without quotes). */
	suggestion?: string;
}

const expected = {
	DateTimeOffset: 'YYYY-MM-DDThh:mm[:ss[.fffffff]] followed by Z or ±hh:mm',
	Date: 'YYYY-MM-DD',
	TimeOfDay: 'hh:mm[:ss[.fffffff]]',
	Duration: 'an ISO 8601 duration of days and time, such as P1DT2H or PT0.5S',
	Guid: 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (hexadecimal)',
	Binary: 'base64 (standard or URL-safe alphabet)',
	Int64: 'a number, or a string of digits',
	Decimal: 'a number, a numeric string, "NaN", "INF" or "-INF"',
	Float: 'a number, "NaN", "INF" or "-INF"',
	Number: 'a number, not a string',
	Boolean: 'true or false, not a string',
};

const messages = {
	notDateTime: 'Not an ISO 8601 date-time.',
	dateWithoutTime:
		'A date without a time: Edm.DateTimeOffset needs a time and a time-zone offset.',
	missingOffset:
		"The time-zone offset is missing: append 'Z' for UTC or an offset such as +02:00.",
	badOffset: "Invalid time-zone offset: expected 'Z' or ±hh:mm (hours 00–23, minutes 00–59).",
	separator: "Separate the date and the time with 'T', not a space.",
	upperCase: "Use upper-case letters for the designators ('T', 'Z', 'P', 'D', 'H', 'M', 'S').",
	notDate: 'Not an ISO 8601 date.',
	dateTimeForDate: 'A date-time where Edm.Date expects only the date.',
	month: (month: string) => `Invalid calendar date: month ${month} does not exist (01–12).`,
	day: (day: string, month: number, days: number) =>
		`Invalid calendar date: day ${day} does not exist in ${monthNames[month - 1]} of that year (it has ${days} days).`,
	hour: (hour: string) => `Invalid time: hour ${hour} is outside 00–23.`,
	minute: (minute: string) => `Invalid time: minute ${minute} is outside 00–59.`,
	second: (second: string) => `Invalid time: second ${second} is outside 00–59.`,
	fraction: 'Too many fractional digits: at most 12 are allowed.',
	notTime:
		'Not a time of day: expected a 24-hour time with two-digit hours (08:00, not 8:00 AM).',
	notDuration: 'Not an ISO 8601 duration.',
	calendarUnits:
		'Edm.Duration holds no years, months or weeks: express them in days (P30D), hours, minutes and seconds.',
	emptyDuration: 'A duration needs at least one component, such as P1D or PT1H.',
	emptyTime: "'T' must be followed by hours, minutes or seconds, such as PT1H.",
	notGuid: 'Not a GUID.',
	guidBraces: 'Write the GUID without braces.',
	guidHyphens: 'Write the GUID with hyphens in the 8-4-4-4-12 groups.',
	base64Character: 'Not base64: the text contains a character outside the base64 alphabets.',
	base64Mixed: "Not base64: it mixes the standard ('+', '/') and URL-safe ('-', '_') alphabets.",
	base64PaddingPlace: "Invalid base64 padding: '=' may appear only at the end.",
	base64PaddingCount: "Invalid base64 padding: at most two '=' may end the text.",
	base64PaddedLength: 'Invalid base64: padded text must have a length that is a multiple of 4.',
	base64Truncated:
		'Invalid base64: one character too many or too few (the length cannot be 4n+1).',
	base64NeedsPadding:
		"Invalid base64: standard-alphabet text must be padded with '=' to a multiple of 4.",
	int64String: 'Not an Int64: a string value must be an optional "-" followed by digits.',
	int64Range: 'Out of the Int64 range (-9223372036854775808 to 9223372036854775807).',
	decimalString: 'Not a Decimal: a string value must be numeric, "NaN", "INF" or "-INF".',
	floatString: (name: string) => `Edm.${name} takes a string only for "NaN", "INF" or "-INF".`,
	special: (canonical: string) => `Write the special value exactly as "${canonical}".`,
	numberAsString: (name: string) => `A string where Edm.${name} expects a JSON number.`,
	booleanAsString: 'A string where Edm.Boolean expects true or false.',
};

const monthNames = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

/** Returns undefined when `value` is a valid lexical form of the primitive, else a problem. */
export function checkStringFormat(
	primitive: PrimitiveName,
	value: string,
): FormatProblem | undefined {
	switch (primitive) {
		case 'DateTimeOffset':
			return plainDateTimeOffset.test(value) ? undefined : checkDateTimeOffsetInFull(value);
		case 'Date':
			return checkDate(value);
		case 'TimeOfDay':
			return checkTimeOfDay(value);
		case 'Duration':
			return withCaseHint(checkDuration, value);
		case 'Guid':
			return checkGuid(value);
		case 'Binary':
			return checkBinary(value);
		case 'Int64':
			return checkInt64String(value);
		case 'Decimal':
			return isDecimalString(value) ? undefined : checkSpecialNumber('Decimal', value);
		case 'Single':
		case 'Double':
			return checkSpecialNumber(primitive, value);
		case 'Byte':
		case 'SByte':
		case 'Int16':
		case 'Int32':
			return { message: messages.numberAsString(primitive), expected: expected.Number };
		case 'Boolean':
			return { message: messages.booleanAsString, expected: expected.Boolean };
		default:
			return undefined;
	}
}

/** Designators are upper case in OData; a value that is right apart from that gets a fix. */
function withCaseHint(
	check: (value: string) => FormatProblem | undefined,
	value: string,
): FormatProblem | undefined {
	const problem = check(value);
	if (problem === undefined) {
		return undefined;
	}
	const upper = value.toUpperCase();
	if (upper !== value && check(upper) === undefined) {
		return { message: messages.upperCase, expected: problem.expected, suggestion: upper };
	}
	return problem;
}

// --- dates and times ---------------------------------------------------------------------------

/**
 * Date-times that are valid beyond doubt: days up to 28 exist in every month, the 29th and
 * 30th in every month but February, and the 31st in the seven long months. Most values in a
 * fixture look like this, and a regular expression runs as machine code from its first use,
 * where the step-by-step reading below is slow until the engine has run it many times. Any
 * other text (February 29th among them, which depends on the year) gets the full reading,
 * which explains what is wrong.
 */
export const plainDateTimeOffset =
	/^\d{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,12})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** The full reading of a DateTimeOffset, without the shortcut above (the tests compare both). */
export function checkDateTimeOffsetInFull(value: string): FormatProblem | undefined {
	return withCaseHint(checkDateTimeOffset, value);
}

const zero = 48;
const nine = 57;

interface DateParts {
	year: number;
	month: number;
	day: number;
}

interface TimeParts {
	hour: number;
	minute: number;
	second: number;
	fractionDigits: number;
	/** The index after the time. */
	end: number;
}

/** The number written by exactly `count` ASCII digits at `start`, or -1. */
function digitsAt(text: string, start: number, count: number): number {
	if (start + count > text.length) {
		return -1;
	}
	let result = 0;
	for (let i = start; i < start + count; i++) {
		const code = text.charCodeAt(i);
		if (code < zero || code > nine) {
			return -1;
		}
		result = result * 10 + code - zero;
	}
	return result;
}

/** Reads YYYY-MM-DD at `start` (only the shape; see dateProblem for the calendar). */
function readDate(text: string, start: number): DateParts | undefined {
	const year = digitsAt(text, start, 4);
	const month = digitsAt(text, start + 5, 2);
	const day = digitsAt(text, start + 8, 2);
	const hasDashes = text.charCodeAt(start + 4) === 45 && text.charCodeAt(start + 7) === 45;
	if (year < 0 || month < 0 || day < 0 || !hasDashes) {
		return undefined;
	}
	return { year, month, day };
}

/** Reads hh:mm[:ss[.fraction]] at `start` (only the shape; see timeProblem for the clock). */
function readTime(text: string, start: number): TimeParts | undefined {
	const hour = digitsAt(text, start, 2);
	const minute = digitsAt(text, start + 3, 2);
	if (hour < 0 || minute < 0 || text.charCodeAt(start + 2) !== 58) {
		return undefined;
	}
	const time: TimeParts = { hour, minute, second: 0, fractionDigits: 0, end: start + 5 };
	if (text.charCodeAt(time.end) !== 58) {
		return time;
	}
	time.second = digitsAt(text, time.end + 1, 2);
	if (time.second < 0) {
		return undefined;
	}
	time.end += 3;
	if (text.charCodeAt(time.end) === 46) {
		let end = time.end + 1;
		while (end < text.length && text.charCodeAt(end) >= zero && text.charCodeAt(end) <= nine) {
			end++;
		}
		time.fractionDigits = end - time.end - 1;
		time.end = end;
		if (time.fractionDigits === 0) {
			return undefined;
		}
	}
	return time;
}

function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) {
		return isLeapYear(year) ? 29 : 28;
	}
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

function dateProblem(date: DateParts): string | undefined {
	if (date.month < 1 || date.month > 12) {
		return messages.month(pad(date.month));
	}
	const days = daysInMonth(date.year, date.month);
	if (date.day < 1 || date.day > days) {
		return messages.day(pad(date.day), date.month, days);
	}
	return undefined;
}

function timeProblem(time: TimeParts): string | undefined {
	if (time.hour > 23) {
		return messages.hour(pad(time.hour));
	}
	if (time.minute > 59) {
		return messages.minute(pad(time.minute));
	}
	if (time.second > 59) {
		return messages.second(pad(time.second));
	}
	return time.fractionDigits > 12 ? messages.fraction : undefined;
}

/** The length of a valid time-zone offset at `start` ('Z' or ±hh:mm), or -1. */
function offsetLength(text: string, start: number): number {
	const code = text.charCodeAt(start);
	if (code === 90) {
		return 1;
	}
	if (code !== 43 && code !== 45) {
		return -1;
	}
	const hour = digitsAt(text, start + 1, 2);
	const minute = digitsAt(text, start + 4, 2);
	const isValid = hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59;
	return isValid && text.charCodeAt(start + 3) === 58 ? 6 : -1;
}

function dateTimeOffsetProblem(message: string, suggestion?: string): FormatProblem {
	return { message, expected: expected.DateTimeOffset, suggestion };
}

function checkDateTimeOffset(value: string): FormatProblem | undefined {
	const date = readDate(value, 0);
	if (date === undefined) {
		return dateTimeOffsetProblem(messages.notDateTime);
	}
	const calendar = dateProblem(date);
	if (calendar !== undefined) {
		return dateTimeOffsetProblem(calendar);
	}
	if (value.length === 10) {
		return dateTimeOffsetProblem(messages.dateWithoutTime, `${value}T00:00:00Z`);
	}
	const separator = value.charCodeAt(10);
	if (separator === 32) {
		const fixed = `${value.slice(0, 10)}T${value.slice(11)}`;
		const isFixable = checkDateTimeOffset(fixed) === undefined;
		return dateTimeOffsetProblem(messages.separator, isFixable ? fixed : undefined);
	}
	return separator === 84
		? checkTimeAndOffset(value)
		: dateTimeOffsetProblem(messages.notDateTime);
}

/** The part of a date-time after 'T'. */
function checkTimeAndOffset(value: string): FormatProblem | undefined {
	const time = readTime(value, 11);
	if (time === undefined) {
		return dateTimeOffsetProblem(messages.notDateTime);
	}
	const clock = timeProblem(time);
	if (clock !== undefined) {
		return dateTimeOffsetProblem(clock);
	}
	if (time.end === value.length) {
		return dateTimeOffsetProblem(messages.missingOffset, `${value}Z`);
	}
	if (time.end + offsetLength(value, time.end) === value.length) {
		return undefined;
	}
	return dateTimeOffsetProblem(messages.badOffset, compactOffsetFix(value, time.end));
}

/** `+0200` gets the colon it lacks. */
function compactOffsetFix(value: string, start: number): string | undefined {
	if (value.length !== start + 5) {
		return undefined;
	}
	const fixed = `${value.slice(0, start + 3)}:${value.slice(start + 3)}`;
	return offsetLength(fixed, start) === 6 ? fixed : undefined;
}

function checkDate(value: string): FormatProblem | undefined {
	const date = readDate(value, 0);
	if (date === undefined) {
		return { message: messages.notDate, expected: expected.Date };
	}
	const calendar = dateProblem(date);
	if (calendar !== undefined) {
		return { message: calendar, expected: expected.Date };
	}
	if (value.length === 10) {
		return undefined;
	}
	const separator = value.charCodeAt(10);
	if (separator === 84 || separator === 116 || separator === 32) {
		return {
			message: messages.dateTimeForDate,
			expected: expected.Date,
			suggestion: value.slice(0, 10),
		};
	}
	return { message: messages.notDate, expected: expected.Date };
}

function checkTimeOfDay(value: string): FormatProblem | undefined {
	const time = readTime(value, 0);
	if (time === undefined || time.end !== value.length) {
		return { message: messages.notTime, expected: expected.TimeOfDay };
	}
	const clock = timeProblem(time);
	return clock === undefined ? undefined : { message: clock, expected: expected.TimeOfDay };
}

// --- durations ---------------------------------------------------------------------------------

function durationProblem(message: string): FormatProblem {
	return { message, expected: expected.Duration };
}

/** [sign] P [n D] [T [n H] [n M] [n[.n] S]], with at least one component. */
function checkDuration(value: string): FormatProblem | undefined {
	const sign = value.charCodeAt(0);
	const start = sign === 45 || sign === 43 ? 1 : 0;
	if (value.charCodeAt(start) !== 80) {
		return durationProblem(messages.notDuration);
	}
	const timeStart = value.indexOf('T', start);
	const dateEnd = timeStart < 0 ? value.length : timeStart;
	if (hasCalendarUnit(value, start + 1, dateEnd)) {
		return durationProblem(messages.calendarUnits);
	}
	const days = countComponents(value, start + 1, dateEnd, 'D');
	const times = timeStart < 0 ? 0 : countComponents(value, timeStart + 1, value.length, 'HMS');
	if (days < 0 || times < 0) {
		return durationProblem(messages.notDuration);
	}
	if (timeStart >= 0 && times === 0) {
		return durationProblem(messages.emptyTime);
	}
	return days + times === 0 ? durationProblem(messages.emptyDuration) : undefined;
}

function hasCalendarUnit(value: string, start: number, end: number): boolean {
	for (let i = start; i < end; i++) {
		const code = value.charCodeAt(i);
		if (code === 89 || code === 77 || code === 87) {
			return true;
		}
	}
	return false;
}

/**
 * Counts `n<designator>` components between start and end, designators in the given order and
 * each at most once; only seconds take a fraction. -1 when the text is not such a sequence.
 */
function countComponents(value: string, start: number, end: number, designators: string): number {
	let pos = start;
	let next = 0;
	let count = 0;
	while (pos < end) {
		const numberEnd = skipNumber(value, pos, end);
		if (numberEnd === pos || numberEnd >= end) {
			return -1;
		}
		const index = designators.indexOf(value.charAt(numberEnd), next);
		const hasFraction = value.slice(pos, numberEnd).includes('.');
		if (index < 0 || (hasFraction && designators[index] !== 'S')) {
			return -1;
		}
		next = index + 1;
		count++;
		pos = numberEnd + 1;
	}
	return count;
}

/** The index after digits with an optional '.digits' at `start`; `start` when none. */
function skipNumber(value: string, start: number, end: number): number {
	let pos = skipDigits(value, start, end);
	if (pos === start || value.charCodeAt(pos) !== 46) {
		return pos;
	}
	const fractionEnd = skipDigits(value, pos + 1, end);
	return fractionEnd === pos + 1 ? start : fractionEnd;
}

function skipDigits(value: string, start: number, end: number): number {
	let pos = start;
	while (pos < end && value.charCodeAt(pos) >= zero && value.charCodeAt(pos) <= nine) {
		pos++;
	}
	return pos;
}

// --- GUIDs and binary --------------------------------------------------------------------------

function isHexDigit(code: number): boolean {
	return (
		(code >= zero && code <= nine) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102)
	);
}

function isGuid(value: string): boolean {
	if (value.length !== 36) {
		return false;
	}
	for (let i = 0; i < 36; i++) {
		const isHyphenPlace = i === 8 || i === 13 || i === 18 || i === 23;
		const code = value.charCodeAt(i);
		if (isHyphenPlace ? code !== 45 : !isHexDigit(code)) {
			return false;
		}
	}
	return true;
}

function checkGuid(value: string): FormatProblem | undefined {
	if (isGuid(value)) {
		return undefined;
	}
	const inner = value.slice(1, -1);
	if (value.startsWith('{') && value.endsWith('}') && isGuid(inner)) {
		return { message: messages.guidBraces, expected: expected.Guid, suggestion: inner };
	}
	if (value.length === 32) {
		const parts = [
			value.slice(0, 8),
			value.slice(8, 12),
			value.slice(12, 16),
			value.slice(16, 20),
		];
		const hyphenated = [...parts, value.slice(20)].join('-');
		if (isGuid(hyphenated)) {
			return {
				message: messages.guidHyphens,
				expected: expected.Guid,
				suggestion: hyphenated,
			};
		}
	}
	return { message: messages.notGuid, expected: expected.Guid };
}

/** What a base64 text contains, read in one pass. */
interface Base64Scan {
	problem: string | undefined;
	hasStandard: boolean;
	hasUrlSafe: boolean;
	padding: number;
}

function scanBase64(value: string): Base64Scan {
	const scan: Base64Scan = {
		problem: undefined,
		hasStandard: false,
		hasUrlSafe: false,
		padding: 0,
	};
	for (let i = 0; i < value.length && scan.problem === undefined; i++) {
		const code = value.charCodeAt(i);
		if (code === 61) {
			scan.padding++;
			continue;
		}
		const isAlphanumeric =
			(code >= zero && code <= nine) ||
			(code >= 65 && code <= 90) ||
			(code >= 97 && code <= 122);
		scan.hasStandard ||= code === 43 || code === 47;
		scan.hasUrlSafe ||= code === 45 || code === 95;
		if (!isAlphanumeric && code !== 43 && code !== 47 && code !== 45 && code !== 95) {
			scan.problem = messages.base64Character;
		} else if (scan.padding > 0) {
			scan.problem = messages.base64PaddingPlace;
		}
	}
	return scan;
}

function checkBinary(value: string): FormatProblem | undefined {
	const remainder = value.length % 4;
	const problem = base64Problem(scanBase64(value), remainder);
	if (problem === undefined) {
		return undefined;
	}
	const isPaddable = problem === messages.base64NeedsPadding;
	const suggestion = isPaddable ? value + '='.repeat(4 - remainder) : undefined;
	return { message: problem, expected: expected.Binary, suggestion };
}

/** Standard base64 is padded to a multiple of 4; URL-safe base64 may leave the padding out. */
function base64Problem(scan: Base64Scan, remainder: number): string | undefined {
	if (scan.problem !== undefined) {
		return scan.problem;
	}
	if (scan.hasStandard && scan.hasUrlSafe) {
		return messages.base64Mixed;
	}
	if (scan.padding > 2) {
		return messages.base64PaddingCount;
	}
	if (scan.padding > 0 && remainder !== 0) {
		return messages.base64PaddedLength;
	}
	if (remainder === 1) {
		return messages.base64Truncated;
	}
	return scan.hasStandard && remainder !== 0 ? messages.base64NeedsPadding : undefined;
}

// --- numbers as strings ------------------------------------------------------------------------

function checkInt64String(value: string): FormatProblem | undefined {
	if (!isIntegerString(value)) {
		return { message: messages.int64String, expected: expected.Int64 };
	}
	const { min, max } = integerRanges.Int64;
	if (checkIntegralLiteral(value, min, max) !== 'ok') {
		return { message: messages.int64Range, expected: expected.Int64 };
	}
	return undefined;
}

const specialNumbers = new Map([
	['nan', 'NaN'],
	['inf', 'INF'],
	['infinity', 'INF'],
	['+inf', 'INF'],
	['+infinity', 'INF'],
	['-inf', '-INF'],
	['-infinity', '-INF'],
]);

/** "NaN", "INF" and "-INF" are the only strings Single and Double take (Decimal: also numbers). */
function checkSpecialNumber(
	primitive: 'Single' | 'Double' | 'Decimal',
	value: string,
): FormatProblem | undefined {
	if (value === 'NaN' || value === 'INF' || value === '-INF') {
		return undefined;
	}
	const expectedText = primitive === 'Decimal' ? expected.Decimal : expected.Float;
	const canonical = value.length <= 9 ? specialNumbers.get(value.toLowerCase()) : undefined;
	if (canonical !== undefined) {
		return {
			message: messages.special(canonical),
			expected: expectedText,
			suggestion: canonical,
		};
	}
	const message =
		primitive === 'Decimal' ? messages.decimalString : messages.floatString(primitive);
	return { message, expected: expectedText };
}
