/**
 * How a node gets its type: a tagged object from its tag, any other value from the property or
 * collection that holds it. Shared by validation (top-down over the whole document) and by the
 * language features (bottom-up from one node, on demand).
 */
import type { JSONNode } from '../json';
import type { ResolvedProperty, ResolvedType, TypeModel } from '../model/typeModel';
import type { ApiVersion, StructuredTypeDefinition } from '../model/types';
import { keyOf, readTag } from './tags';

export interface TypeContext {
	/** The declared type of the value at this node, if any. */
	expected: ResolvedType | undefined;
	/** The property whose value (or item) this is. */
	property: ResolvedProperty | undefined;
}

export const untyped: TypeContext = { expected: undefined, property: undefined };

/** The structured type an object node is checked as: its tag's, else the declared one. */
export function objectTypeOf(
	node: JSONNode,
	context: TypeContext,
	model: TypeModel,
	version: ApiVersion,
): StructuredTypeDefinition | undefined {
	const tag = readTag(node);
	if (tag) {
		const found = tag.name === undefined ? undefined : model.find(tag.name, version);
		return found?.type.kind === 'structured' ? found.type : undefined;
	}
	return structuredOf(context.expected);
}

/** The structured type in a declared type (the first one of a union). */
export function structuredOf(type: ResolvedType | undefined): StructuredTypeDefinition | undefined {
	if (type?.kind === 'structured') {
		return type.type;
	}
	if (type?.kind === 'union') {
		for (const member of type.of) {
			if (member.kind === 'structured') {
				return member.type;
			}
		}
	}
	return undefined;
}

/** The context of a member's value inside an object of `owner`. */
export function memberContext(
	owner: StructuredTypeDefinition | undefined,
	key: string | undefined,
	model: TypeModel,
	version: ApiVersion,
): TypeContext {
	if (!owner || key === undefined) {
		return untyped;
	}
	return propertyContext(model.propertiesOf(owner, version).get(key));
}

/** The context of a member's value whose property is `property` (none: untyped). */
export function propertyContext(property: ResolvedProperty | undefined): TypeContext {
	return property ? { expected: property.type, property } : untyped;
}

/** The context of an item inside an array whose context is `context`. */
export function itemContext(context: TypeContext): TypeContext {
	const expected = context.expected;
	if (expected?.kind === 'collection') {
		return { expected: expected.of, property: context.property };
	}
	return { expected: undefined, property: context.property };
}

/** The context of any value node, found by walking down from the root (no recursion). */
export function contextOf(node: JSONNode, model: TypeModel, version: ApiVersion): TypeContext {
	const chain: JSONNode[] = [];
	for (let current: JSONNode | undefined = node; current; current = current.parent) {
		chain.push(current);
	}
	chain.reverse();
	let context = untyped;
	for (let i = 0; i < chain.length - 1; i++) {
		const current = chain[i];
		if (current.type === 'object') {
			const property = chain[i + 1];
			const owner = objectTypeOf(current, context, model, version);
			context = memberContext(owner, keyOf(property), model, version);
			i++;
			if (chain[i + 1] === undefined || chain[i + 1] !== property.children?.[1]) {
				// The walk ends on the property or its key: the key has the member's context.
				return context;
			}
		} else if (current.type === 'array') {
			context = itemContext(context);
		}
	}
	return context;
}

/** Readable name of a declared type, for messages and hovers. */
export function describeType(type: ResolvedType | undefined): string {
	switch (type?.kind) {
		case undefined:
			return 'any value';
		case 'primitive':
			return type.name === 'Url' ? 'String (URL)' : type.name;
		case 'enum':
			return shortName(type.type.name);
		case 'structured':
			return type.type.name;
		case 'collection':
			return `${describeType(type.of)} collection`;
		case 'union':
			return type.of.map(describeType).join(' or ');
		case 'any':
			return type.unresolvedName ? `${type.unresolvedName} (not loaded)` : 'any value';
	}
}

export function shortName(name: string): string {
	return name.slice(name.lastIndexOf('.') + 1);
}
