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
		const rule = rules.get(key);
		if (rule === undefined) {
			// A key with '@' matches the annotation pattern, which allows anything; a member
			// with no rule, or an unknown one, is ajv's to judge.
			if (rules.has(key) || !key.includes('@')) {
				return false;
			}
		} else if (!isAllowed(rule, value[key])) {
			return false;
		}
	}
	return true;
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
	return {
		types: types && new Set(types as string[]),
		members: schema.enum === undefined ? undefined : new Set(schema.enum as unknown[]),
		minimum: (minimum as number | undefined) ?? -Infinity,
		maximum: (maximum as number | undefined) ?? Infinity,
		integral: integral && { min: Number(integral.min), max: Number(integral.max) },
		isDateTime: format === dateTimeFormat,
	};
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
