/**
 * Fixture skeletons: a tagged object with every structural property of a type set to a valid
 * example value, so that a new fixture starts without diagnostics.
 */
import type { ResolvedType, TypeModel } from '../model/typeModel';
import type { ApiVersion, StructuredTypeDefinition } from '../model/types';
import { tagKey } from './tags';
import type { IntegerRange } from './valueTemplates';
import { concreteTypes, snippetToPlainText, valueSnippet } from './valueTemplates';

export interface SkeletonOptions {
	/** One level of indentation; a tab unless given. */
	indent?: string;
	/** Nested structured values are written out this many levels deep, then left empty. */
	depth?: number;
}

/** The skeleton of the structured type `typeName` as JSON text, or undefined if unknown. */
export function createSkeleton(
	model: TypeModel,
	typeName: string,
	version: ApiVersion,
	options: SkeletonOptions = {},
): string | undefined {
	const name = typeName.startsWith('#') ? typeName.slice(1) : typeName;
	const found = model.find(name, version);
	if (found?.type.kind !== 'structured') {
		return undefined;
	}
	const builder = new SkeletonBuilder(model, version, options.depth ?? 2);
	const value = builder.object(found.type, true, 0);
	return JSON.stringify(value, null, options.indent ?? '\t');
}

class SkeletonBuilder {
	constructor(
		private readonly model: TypeModel,
		private readonly version: ApiVersion,
		private readonly maxDepth: number,
	) {}

	object(
		type: StructuredTypeDefinition,
		withTag: boolean,
		depth: number,
	): Record<string, unknown> {
		const result: Record<string, unknown> = {};
		if (withTag) {
			result[tagKey] = `#${type.name}`;
		}
		if (depth > this.maxDepth) {
			return result;
		}
		for (const [name, property] of this.model.propertiesOf(type, this.version)) {
			if (!property.definition.isRelationship && name !== tagKey) {
				result[name] = this.value(property.type, depth, property.definition.range);
			}
		}
		return result;
	}

	private value(type: ResolvedType, depth: number, range?: IntegerRange): unknown {
		switch (type.kind) {
			case 'structured': {
				const concrete = concreteTypes(this.model, type.type, this.version).find(
					(candidate) => !candidate.isAbstract,
				);
				const chosen = concrete ?? type.type;
				return this.object(chosen, chosen !== type.type, depth + 1);
			}
			case 'collection':
				return [];
			case 'union':
				return type.of.length > 0 ? this.value(type.of[0], depth, range) : null;
			default:
				return JSON.parse(snippetToPlainText(valueSnippet(type, range)) || 'null');
		}
	}
}
