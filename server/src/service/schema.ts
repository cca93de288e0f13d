/**
 * JSON Schema (draft-07) generated from the type model. The same generator feeds ajv inside the
 * engine (references are schema ids) and the `schema` command (references are local
 * `#/definitions/...`), so what users export is what we validate with.
 */
import type { ResolvedProperty, ResolvedType, TypeModel } from '../model/typeModel';
import type {
	ApiVersion,
	EnumTypeDefinition,
	PrimitiveName,
	StructuredTypeDefinition,
} from '../model/types';
import { integerRanges } from './numbers';
import { tagKey } from './tags';

export type JSONSchema = { [keyword: string]: unknown };

/** The custom keyword that checks integral values on the literal's own digits. */
export const integerKeyword = 'x-odata-integer';

export interface IntegerKeywordValue {
	type: 'Byte' | 'SByte' | 'Int16' | 'Int32' | 'Int64';
	min: string;
	max: string;
}

/** Format names registered with ajv, one per Edm primitive with a lexical form to check. */
export const formatOf: Partial<Record<PrimitiveName, string>> = {
	DateTimeOffset: 'edm-date-time-offset',
	Date: 'edm-date',
	TimeOfDay: 'edm-time-of-day',
	Duration: 'edm-duration',
	Guid: 'edm-guid',
	Binary: 'edm-binary',
};

const specialFloats = '^(?:NaN|-?INF)$';
// OData's decimalValue: digits on both sides of a point, as isDecimalString accepts.
const decimalString = '^(?:NaN|-?INF|[-+]?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)$';

export type RefFunction = (type: StructuredTypeDefinition) => string;

export class SchemaGenerator {
	constructor(
		private readonly model: TypeModel,
		private readonly version: ApiVersion,
		private readonly ref: RefFunction,
	) {}

	/** The schema of an object of `type`: its properties and its base types', flattened. */
	structured(type: StructuredTypeDefinition): JSONSchema {
		const properties: Record<string, JSONSchema> = Object.create(null);
		const patternProperties: Record<string, JSONSchema> = { '@': {} };
		for (const [name, property] of this.model.propertiesOf(type, this.version)) {
			// ajv skips a `__proto__` entry of `properties` (against prototype pollution), and
			// would then reject the member as unknown; an exact pattern means the same.
			if (name === '__proto__') {
				patternProperties['^__proto__$'] = this.property(property);
			} else {
				properties[name] = this.property(property);
			}
		}
		const schema: JSONSchema = {
			title: type.name,
			type: 'object',
			properties,
			patternProperties,
		};
		if (type.description) {
			schema.description = type.description;
		}
		if (!this.model.isOpen(type, this.version)) {
			schema.additionalProperties = false;
		}
		return schema;
	}

	property(property: ResolvedProperty): JSONSchema {
		const nullable = property.definition.nullable !== false;
		const schema = this.value(property.type, nullable, property);
		if (property.definition.description) {
			schema.description = property.definition.description;
		}
		return schema;
	}

	/** The schema of a value of a resolved type. */
	value(type: ResolvedType, nullable: boolean, property?: ResolvedProperty): JSONSchema {
		switch (type.kind) {
			case 'primitive':
				return this.primitive(type.name, nullable, property);
			case 'enum':
				return enumSchema(type.type, nullable);
			case 'structured':
				return this.nested(type.type, nullable);
			case 'collection':
				return {
					type: nullable ? ['array', 'null'] : 'array',
					items: this.value(type.of, nullable, property),
				};
			case 'union':
				return { anyOf: type.of.map((item) => this.value(item, nullable, property)) };
			case 'any':
				return {};
		}
	}

	/**
	 * A nested object that carries its own tag is checked on its own, as the tagged type (which
	 * may be derived), so the parent's schema lets it through; any other object is the declared type.
	 */
	private nested(type: StructuredTypeDefinition, nullable: boolean): JSONSchema {
		// Only untagged objects go to the declared type's schema; every other value (null, a
		// string...) is left to `type` here, so that it gets one diagnostic, of the right kind.
		return {
			type: nullable ? ['object', 'null'] : 'object',
			if: { anyOf: [{ not: { type: 'object' } }, { required: [tagKey] }] },
			then: true,
			else: { $ref: this.ref(type) },
		};
	}

	private primitive(
		name: PrimitiveName,
		nullable: boolean,
		property?: ResolvedProperty,
	): JSONSchema {
		const schema = primitiveSchema(name, property);
		if (nullable && typeof schema.type === 'string') {
			schema.type = [schema.type, 'null'];
		} else if (nullable && Array.isArray(schema.type)) {
			schema.type = [...schema.type, 'null'];
		}
		return schema;
	}
}

function primitiveSchema(name: PrimitiveName, property?: ResolvedProperty): JSONSchema {
	switch (name) {
		case 'String':
		case 'Url':
			return { type: 'string' };
		case 'Boolean':
			return { type: 'boolean' };
		case 'Byte':
		case 'SByte':
		case 'Int16':
		case 'Int32':
		case 'Int64':
			return integerSchema(name, property);
		case 'Single':
		case 'Double':
			return { type: ['number', 'string'], pattern: specialFloats };
		case 'Decimal':
			return { type: ['number', 'string'], pattern: decimalString };
		case 'Stream':
		case 'Json':
		case 'Untyped':
			return {};
		default:
			return { type: 'string', format: formatOf[name] };
	}
}

function integerSchema(name: IntegerKeywordValue['type'], property?: ResolvedProperty): JSONSchema {
	let { min, max } = integerRanges[name];
	const range = property?.definition.range;
	if (range) {
		// A description range ("Valid values 0 to 4294967295") narrows the type's own range.
		min = range.min > min ? range.min : min;
		max = range.max < max ? range.max : max;
	}
	const keyword: IntegerKeywordValue = { type: name, min: String(min), max: String(max) };
	const schema: JSONSchema = {
		type: name === 'Int64' ? ['integer', 'string'] : 'integer',
		minimum: Number(min),
		maximum: Number(max),
		[integerKeyword]: keyword,
	};
	if (name === 'Int64') {
		// The IEEE754Compatible form: Int64 as a string of digits.
		schema.pattern = '^-?[0-9]+$';
	}
	return schema;
}

export function enumSchema(type: EnumTypeDefinition, nullable: boolean): JSONSchema {
	const names = type.members.map((member) => member.name);
	if (type.isFlags) {
		// Flags enums take members joined by commas, without spaces.
		const member = `(?:${names.map(escapeRegExp).join('|')})`;
		return {
			type: nullable ? ['string', 'null'] : 'string',
			pattern: `^${member}(?:,${member})*$`,
		};
	}
	return { enum: nullable ? [...names, null] : names };
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A self-contained draft-07 schema for one type, with every reachable type in `definitions`. */
export function exportSchema(
	model: TypeModel,
	type: StructuredTypeDefinition,
	version: ApiVersion,
): JSONSchema {
	const definitions: Record<string, JSONSchema> = Object.create(null);
	const pending: StructuredTypeDefinition[] = [];
	const seen = new Set<StructuredTypeDefinition>();
	const ref = (target: StructuredTypeDefinition): string => {
		if (!seen.has(target)) {
			seen.add(target);
			pending.push(target);
		}
		return `#/definitions/${encodeURIComponent(target.name)}`;
	};
	const generator = new SchemaGenerator(model, version, ref);
	const root = generator.structured(type);
	while (pending.length > 0) {
		const next = pending.pop() as StructuredTypeDefinition;
		definitions[next.name] = generator.structured(next);
	}
	return { $schema: 'http://json-schema.org/draft-07/schema#', ...root, definitions };
}
