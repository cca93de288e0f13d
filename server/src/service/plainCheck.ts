/**
 * A quick yes to "would ajv find nothing wrong with this object?" for the schema of a plain
 * structured type: members that are strings, enum members, integers, booleans or date-times.
 * A collection of tens of thousands of such items is checked mostly here, by one loop over a
 * table, rather than by ajv's generated code and a call per integer and per date-time.
 *
 * It may only say yes where ajv would. Anything it does not fully read (a member whose schema
 * has a keyword it has no rule for, a reference to another schema, a number beyond 2^53, an
 * integer written as a string) answers "not known", and the caller asks ajv. Date-times get
 * the format's own reading, the one ajv calls.
 */
import { formatOf, integerKeyword } from './schema';
import type { IntegerKeywordValue } from './schema';
import { checkStringFormat } from './formats';

/** True only when ajv would report nothing for the object; false means "ask ajv". */
export type PlainCheck = (value: Record<string, unknown>) => boolean;

/** What one member's schema allows, as far as a plain check reads it. */
export interface MemberRule {
	/** JSON Schema `type` names, or undefined for any. */
	types: ReadonlySet<string> | undefined;
	/** `enum`, or undefined for any. */
	members: ReadonlySet<unknown> | undefined;
	minimum: number;
	maximum: number;
	/** The integral range of the custom integer keyword, when there is one. */
	integral: { min: number; max: number } | undefined;
	isDateTime: boolean;
	/**
	 * The common forms of a rule, read by a shorter test of their own that answers exactly as
	 * the full one does (`Form.Other` for the rest): a collection repeats a few such members
	 * hundreds of thousands of times.
	 */
	form: Form;
	/** Whether null passes: read by the forms other than Other and Enum. */
	allowsNull: boolean;
}

/** The forms of MemberRule.form. */
export const enum Form {
	Other,
	/** Exactly the members of `members`, each of which passes the rest of the rule. */
	Enum,
	/** Any string. */
	Text,
	/** A date-time string. */
	DateTime,
	/** A number in range, an integer unless `types` has "number". */
	Number,
	Boolean,
}

const dateTimeFormat = formatOf.DateTimeOffset;

/** Keywords of a member schema that the rules read; any other makes the member unknown. */
const readKeywords = new Set([
	'type',
	'enum',
	'minimum',
	'maximum',
	'format',
	integerKeyword,
	'description',
	'title',
]);

/** Keywords of a structured type's schema that a plain check reads. */
const readTypeKeywords = new Set([
	'$id',
	'title',
	'description',
	'type',
	'properties',
	'patternProperties',
	'additionalProperties',
]);

/** The rule of each member of a plain schema; undefined for a member it has no rule for. */
export type PlainRules = ReadonlyMap<string, MemberRule | undefined>;

/**
 * The member rules of a structured type's schema as SchemaStore gives it to ajv, or undefined
 * when the schema is not one they describe (split into parts, or with other keywords).
 */
export function plainRulesOf(schema: unknown): PlainRules | undefined {
	if (!isRecord(schema) || !Object.keys(schema).every((key) => readTypeKeywords.has(key))) {
		return undefined;
	}
	const patterns = schema.patternProperties;
	const isAnnotationsOnly =
		isRecord(patterns) &&
		Object.keys(patterns).length === 1 &&
		isRecord(patterns['@']) &&
		Object.keys(patterns['@']).length === 0;
	if (
		schema.type !== 'object' ||
		!isRecord(schema.properties) ||
		!isAnnotationsOnly ||
		schema.additionalProperties !== false
	) {
		return undefined;
	}
	const rules = new Map<string, MemberRule | undefined>();
	for (const [name, member] of Object.entries(schema.properties)) {
		rules.set(name, ruleOf(member));
	}
	return rules;
}

/** The plain check of a structured type's schema (see plainRulesOf), or undefined. */
export function compilePlainCheck(schema: unknown): PlainCheck | undefined {
	const rules = plainRulesOf(schema);
	return rules && ((value) => isPlainlyValid(rules, value));
}

/** Whether every member of the value certainly passes its rule: false means "ask ajv". */
export function isPlainlyValid(rules: PlainRules, value: Record<string, unknown>): boolean {
	for (const key in value) {
		if (!isPlainMember(rules, key, value[key])) {
			return false;
		}
	}
	return true;
}

/**
 * Whether one member certainly passes: its rule allows the value, or its key has '@' and
 * matches only the annotation pattern, which allows anything. A member with no rule, or an
 * unknown one, is ajv's to judge.
 */
export function isPlainMember(rules: PlainRules, key: string, value: unknown): boolean {
	return isReadingMet(readingOf(rules, key), value);
}

/** What a plain check needs to know of a key under one set of rules. */
export interface KeyReading {
	/** Whether the key has '@'. */
	isAnnotation: boolean;
	/** The member's rule; undefined when there is none. */
	rule: MemberRule | undefined;
	/** Without a rule: whether only the annotation pattern matches the key (anything passes). */
	isPatternOnly: boolean;
}

function readingOf(rules: PlainRules, key: string): KeyReading {
	const rule = rules.get(key);
	const isAnnotation = key.includes('@');
	return {
		isAnnotation,
		rule,
		isPatternOnly: rule === undefined && isAnnotation && !rules.has(key),
	};
}

/** Whether a member whose key reads so certainly passes with `value` (see isPlainMember). */
export function isReadingMet(reading: KeyReading, value: unknown): boolean {
	return reading.rule === undefined ? reading.isPatternOnly : isRuleMet(reading.rule, value);
}

/**
 * The keys of the objects last read under one set of rules, in order, each with its reading.
 * The items of a collection list the same keys in the same order, so a key is compared with
 * the one at its place, the same string in memory, instead of being looked up again.
 */
export class KeyOrder {
	private readonly keys: string[] = [];
	private readonly readings: KeyReading[] = [];

	constructor(readonly rules: PlainRules) {}

	/** The reading of `key`, the `index`th key of an object whose earlier keys were asked. */
	readingAt(index: number, key: string): KeyReading {
		if (this.keys[index] === key) {
			return this.readings[index];
		}
		const reading = readingOf(this.rules, key);
		this.keys.length = index;
		this.readings.length = index;
		this.keys.push(key);
		this.readings.push(reading);
		return reading;
	}
}

/** Whether the value certainly passes the rule: isAllowed's answer, shorter for its forms. */
export function isRuleMet(rule: MemberRule, value: unknown): boolean {
	switch (rule.form) {
		case Form.Enum:
			return rule.members!.has(value);
		case Form.Text:
			return typeof value === 'string' || (value === null && rule.allowsNull);
		case Form.DateTime:
			return typeof value === 'string'
				? isDateTimeOffset(value)
				: value === null && rule.allowsNull;
		case Form.Number:
			return typeof value === 'number'
				? isNumberAllowed(rule, value)
				: value === null && rule.allowsNull;
		case Form.Boolean:
			return typeof value === 'boolean' || (value === null && rule.allowsNull);
		default:
			return isAllowed(rule, value);
	}
}

/** A number against a rule of Form.Number. */
function isNumberAllowed(rule: MemberRule, value: number): boolean {
	const integral = rule.integral;
	return (
		(rule.types!.has('number') || Number.isInteger(value)) &&
		(integral === undefined ||
			(Number.isSafeInteger(value) && value >= integral.min && value <= integral.max)) &&
		value >= rule.minimum &&
		value <= rule.maximum
	);
}

function ruleOf(schema: unknown): MemberRule | undefined {
	if (!isRecord(schema) || !Object.keys(schema).every((key) => readKeywords.has(key))) {
		return undefined;
	}
	const { type, format, minimum, maximum } = schema;
	const types = typeof type === 'string' ? [type] : type;
	const integral = schema[integerKeyword] as IntegerKeywordValue | undefined;
	const isReadable =
		(types === undefined ||
			(Array.isArray(types) && types.every((t) => typeof t === 'string'))) &&
		(schema.enum === undefined || Array.isArray(schema.enum)) &&
		(format === undefined || format === dateTimeFormat) &&
		(minimum === undefined || typeof minimum === 'number') &&
		(maximum === undefined || typeof maximum === 'number') &&
		(integral === undefined || (isRecord(integral) && hasBounds(integral)));
	if (!isReadable) {
		return undefined;
	}
	const rule: MemberRule = {
		types: types && new Set(types as string[]),
		members: schema.enum === undefined ? undefined : new Set(schema.enum as unknown[]),
		minimum: (minimum as number | undefined) ?? -Infinity,
		maximum: (maximum as number | undefined) ?? Infinity,
		integral: integral && { min: Number(integral.min), max: Number(integral.max) },
		isDateTime: format === dateTimeFormat,
		form: Form.Other,
		allowsNull: false,
	};
	rule.allowsNull = rule.types === undefined || rule.types.has('null');
	rule.form = formOf(rule);
	return rule;
}

/** The rule's form (see MemberRule.form): one whose short test answers as isAllowed does. */
function formOf(rule: MemberRule): Form {
	const { types, members, integral, isDateTime } = rule;
	if (members !== undefined) {
		// Then the members alone decide, when each of them passes the rest of the rule.
		const rest: MemberRule = { ...rule, members: undefined, form: Form.Other };
		return [...members].every((member) => isAllowed(rest, member)) ? Form.Enum : Form.Other;
	}
	if (types === undefined) {
		return Form.Other;
	}
	const kinds = [...types].filter((type) => type !== 'null');
	const isOnly = (...allowed: string[]) =>
		kinds.length > 0 && kinds.every((kind) => allowed.includes(kind));
	if (isOnly('string') && integral === undefined) {
		return isDateTime ? Form.DateTime : Form.Text;
	}
	if (isOnly('integer', 'number') && !isDateTime) {
		return Form.Number;
	}
	return isOnly('boolean') ? Form.Boolean : Form.Other;
}

/** Whether the member's value certainly passes its schema. */
function isAllowed(rule: MemberRule, value: unknown): boolean {
	if (rule.members !== undefined && !rule.members.has(value)) {
		return false;
	}
	if (rule.types !== undefined && !rule.types.has(kindOf(value))) {
		// JSON Schema's "number" includes the integers.
		if (!(typeof value === 'number' && rule.types.has('number'))) {
			return false;
		}
	}
	if (typeof value === 'number') {
		const integral = rule.integral;
		const isInRange =
			integral === undefined ||
			(Number.isSafeInteger(value) && value >= integral.min && value <= integral.max);
		return isInRange && value >= rule.minimum && value <= rule.maximum;
	}
	if (typeof value === 'string') {
		// The integer keyword also reads strings of digits, which the rules do not.
		return rule.integral === undefined && (!rule.isDateTime || isDateTimeOffset(value));
	}
	return true;
}

/** The format's own reading, as ajv calls it: a regular expression first, then in full. */
function isDateTimeOffset(value: string): boolean {
	return checkStringFormat('DateTimeOffset', value) === undefined;
}

/** The JSON Schema type name of a JSON value (objects and arrays have no rule here). */
function kindOf(value: unknown): string {
	if (value === null) {
		return 'null';
	}
	switch (typeof value) {
		case 'string':
			return 'string';
		case 'boolean':
			return 'boolean';
		case 'number':
			return Number.isInteger(value) ? 'integer' : 'number';
		default:
			return 'other';
	}
}

/**
 * Bounds as the keyword writes them. Compared as doubles they are exact for the values read
 * here: only safe integers are, and a bound beyond 2^53 lies beyond every one of them.
 */
function hasBounds(keyword: Record<string, unknown>): boolean {
	return [keyword.min, keyword.max].every(
		(bound) => typeof bound === 'string' && /^-?[0-9]+$/.test(bound),
	);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
