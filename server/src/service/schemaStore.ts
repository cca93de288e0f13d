/**
 * The ajv side of validation: one ajv instance per type model, a schema per type and version
 * added on first use, each compiled once and reused for every document.
 */
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JSONNode } from '../json';
import type { ResolvedType, TypeModel } from '../model/typeModel';
import { bucketOf } from '../model/typeModel';
import type { ApiVersion, PrimitiveName, StructuredTypeDefinition } from '../model/types';
import { checkStringFormat } from './formats';
import { checkIntegralLiteral } from './numbers';
import type { IntegerKeywordValue, JSONSchema } from './schema';
import { SchemaGenerator, formatOf, integerKeyword } from './schema';
import { isPlainlyValid, plainRulesOf } from './plainCheck';
import type { PlainRules } from './plainCheck';

/** Where the value being validated came from, so keywords can read raw literals. */
let currentSource: RawLiterals | undefined;

/** Finds the literal text of a number ajv is looking at. */
export type RawLiterals = (context: DataContext) => string | undefined;

export type ValueError = ErrorObject;

export class SchemaStore {
	private readonly ajv: Ajv;
	private readonly added = new Set<string>();
	private readonly validators = new Map<string, ValidateFunction>();
	private readonly plainRulesByValidator = new WeakMap<ValidateFunction, PlainRules | null>();
	/** The validators of structured types, by type and version (see validatorFor). */
	private readonly byType: Record<ApiVersion, Map<StructuredTypeDefinition, ValidateFunction>> = {
		beta: new Map(),
		'v1.0': new Map(),
	};

	constructor(private readonly model: TypeModel) {
		this.ajv = new Ajv({
			allErrors: true,
			strict: false,
			verbose: true,
			validateSchema: false,
			// Calls between per-type functions instead of inlining: code size stays linear in
			// the number of types, and recursive types need no special case.
			inlineRefs: false,
			// Only own members count: a member named like an Object.prototype method
			// ("constructor") must not be found on a value that lacks it.
			ownProperties: true,
		});
		for (const [primitive, format] of Object.entries(formatOf)) {
			const name = primitive as PrimitiveName;
			this.ajv.addFormat(format, {
				type: 'string',
				validate: (value: string) => checkStringFormat(name, value) === undefined,
			});
		}
		this.ajv.addKeyword({
			keyword: integerKeyword,
			schemaType: 'object',
			errors: false,
			validate: checkIntegerKeyword,
		});
	}

	/** The validator of a value of `type` (an object for structured types), or none for "any". */
	validatorFor(type: ResolvedType, version: ApiVersion): ValidateFunction | undefined {
		if (type.kind === 'any' || type.kind === 'primitive') {
			return undefined;
		}
		// Every tagged object asks for its type's validator: found by the type, not by its id.
		const byType = this.byType[version];
		const known = type.kind === 'structured' ? byType.get(type.type) : undefined;
		if (known !== undefined) {
			return known;
		}
		const key = this.keyOf(type, version);
		let validate = this.validators.get(key);
		if (!validate) {
			validate = this.compile(type, version);
			this.validators.set(key, validate);
		}
		if (type.kind === 'structured') {
			byType.set(type.type, validate);
		}
		return validate;
	}

	/**
	 * Whether a structured value certainly passes `validate`, told without running it when
	 * its schema is a plain one (see plainCheck.ts); false means "run the validator".
	 */
	isPlainlyValid(validate: ValidateFunction, value: Record<string, unknown>): boolean {
		const rules = this.plainRules(validate);
		return rules !== undefined && isPlainlyValid(rules, value);
	}

	/** The member rules of a validator's schema when it is a plain one (see plainCheck.ts). */
	plainRules(validate: ValidateFunction): PlainRules | undefined {
		let rules = this.plainRulesByValidator.get(validate);
		if (rules === undefined) {
			rules = plainRulesOf(validate.schema) ?? null;
			this.plainRulesByValidator.set(validate, rules);
		}
		return rules ?? undefined;
	}

	/** Runs a validator over a value whose number literals `raw` finds; the errors are ajv's. */
	validate(validate: ValidateFunction, value: unknown, raw: RawLiterals): ValueError[] {
		currentSource = raw;
		try {
			return validate(value) ? [] : [...(validate.errors ?? [])];
		} finally {
			currentSource = undefined;
		}
	}

	private compile(type: ResolvedType, version: ApiVersion): ValidateFunction {
		if (type.kind === 'structured') {
			return this.ajv.getSchema(this.ensure(type.type, version)) as ValidateFunction;
		}
		const generator = new SchemaGenerator(this.model, version, (target) =>
			this.ensure(target, version),
		);
		return this.ajv.compile(generator.value(type, true));
	}

	/** Adds the schemas of a type and of every type it reaches; returns the type's id. */
	private ensure(type: StructuredTypeDefinition, version: ApiVersion): string {
		const id = schemaId(type, version);
		if (this.added.has(id)) {
			return id;
		}
		const pending = [type];
		const generator = new SchemaGenerator(this.model, version, (target) => {
			const targetId = schemaId(target, version);
			if (!this.added.has(targetId)) {
				pending.push(target);
			}
			return targetId;
		});
		while (pending.length > 0) {
			const next = pending.pop() as StructuredTypeDefinition;
			const nextId = schemaId(next, version);
			if (!this.added.has(nextId)) {
				this.added.add(nextId);
				for (const schema of splitMembers({ $id: nextId, ...generator.structured(next) })) {
					this.ajv.addSchema(schema);
				}
			}
		}
		return id;
	}

	private keyOf(type: ResolvedType, version: ApiVersion): string {
		switch (type.kind) {
			case 'structured':
				return schemaId(type.type, version);
			case 'collection':
				return `collection(${this.keyOf(type.of, version)})`;
			case 'enum':
				return `enum:${bucketOf(type.type)}:${type.type.name}`;
			case 'union':
				return `union(${type.of.map((item) => this.keyOf(item, version)).join(',')})`;
			case 'primitive':
				return type.name;
			case 'any':
				return 'any';
		}
	}
}

/**
 * Members ajv checks in one generated function. ajv writes code per member, and a type with
 * tens of thousands of them (an enormous table) compiled into a function whose frame overflowed
 * the stack when called; past this count the members are checked in parts of this size.
 */
const membersPerFunction = 256;

/**
 * Splits the member checks of a large structured schema into parts referenced from `allOf`;
 * the schema itself keeps every name (as `true`), so that unknown members are still found.
 */
export function splitMembers(schema: JSONSchema): JSONSchema[] {
	const properties = schema.properties as Record<string, JSONSchema>;
	const keys = Object.keys(properties);
	if (keys.length <= membersPerFunction) {
		return [schema];
	}
	const parts: JSONSchema[] = [];
	const names: Record<string, true> = Object.create(null);
	for (let start = 0; start < keys.length; start += membersPerFunction) {
		const part: Record<string, JSONSchema> = Object.create(null);
		for (const name of keys.slice(start, start + membersPerFunction)) {
			part[name] = properties[name];
			names[name] = true;
		}
		parts.push({ $id: `${String(schema.$id)}:members:${parts.length}`, properties: part });
	}
	const main = { ...schema, properties: names, allOf: parts.map((part) => ({ $ref: part.$id })) };
	return [...parts, main];
}

/** Schema ids are URNs: unique per version and source bucket, and never fetched. */
function schemaId(type: StructuredTypeDefinition, version: ApiVersion): string {
	return `urn:graph-fixtures:${version}:${bucketOf(type)}:${encodeURIComponent(type.name)}`;
}

export interface DataContext {
	instancePath: string;
	parentData: unknown;
	parentDataProperty: string | number;
}

/**
 * Checks an integral value on the literal's own digits: 2^63 and 2^63-1 are the same double,
 * so only the raw token tells them apart (and 1.0000000000000001 from 1).
 */
function checkIntegerKeyword(
	keyword: IntegerKeywordValue,
	data: unknown,
	_parentSchema?: unknown,
	context?: DataContext,
): boolean {
	let raw: string | undefined;
	if (typeof data === 'string' && /^-?[0-9]+$/.test(data)) {
		raw = data;
	} else if (typeof data === 'number') {
		raw = context && currentSource?.(context);
		if (raw === undefined && Number.isSafeInteger(data)) {
			// The common case: a plain literal whose double is exact, so numbers compare right.
			return data >= Number(keyword.min) && data <= Number(keyword.max);
		}
		raw ??= String(data);
	}
	if (raw === undefined) {
		return true;
	}
	return checkIntegralLiteral(raw, BigInt(keyword.min), BigInt(keyword.max)) === 'ok';
}

/** Raw literals of a value built from nodes: each container maps back to its node. */
export function rawFromBuiltNodes(nodes: WeakMap<object, JSONNode>): RawLiterals {
	return (context) => {
		const parentData = context.parentData;
		const parent =
			typeof parentData === 'object' && parentData !== null
				? nodes.get(parentData)
				: undefined;
		return parent ? childNode(parent, context.parentDataProperty)?.raw : undefined;
	};
}

/** Raw literals of a value parsed from a node's text: follow the instance path from the node. */
export function rawFromPath(root: JSONNode): RawLiterals {
	return (context) => {
		let node: JSONNode | undefined = root;
		for (const segment of decodePointer(context.instancePath)) {
			node = node && childNode(node, node.type === 'array' ? Number(segment) : segment);
		}
		return node?.raw;
	};
}

export function decodePointer(pointer: string): string[] {
	if (pointer === '') {
		return [];
	}
	return pointer
		.slice(1)
		.split('/')
		.map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The node of a member (the last one with that key, as JSON.parse keeps) or an item. */
export function childNode(parent: JSONNode, segment: string | number): JSONNode | undefined {
	const children = parent.children ?? [];
	if (parent.type === 'array') {
		return typeof segment === 'number' ? children[segment] : children[Number(segment)];
	}
	const key = String(segment);
	// Indexes rather than destructuring: this runs for every error, often before the engine
	// has compiled it, and destructuring there steps through the iterator protocol.
	for (let i = children.length - 1; i >= 0; i--) {
		const pair = children[i].children;
		if (pair !== undefined && pair[0]?.value === key) {
			return pair[1];
		}
	}
	return undefined;
}
