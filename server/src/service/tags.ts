/**
 * Reading `@odata.type` tags and `@odata.context` URLs: the part of typing that needs no model.
 */
import type { ApiVersion } from '../model/types';
import type { JSONNode } from '../json';

export const tagKey = '@odata.type';

/** A namespace-qualified OData name: dotted identifiers, at least one dot. */
const qualifiedNamePattern = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;

export interface Tag {
	property: JSONNode;
	/** The value node, when the property has one. */
	value: JSONNode | undefined;
	/** The qualified name without '#', when the value is a well-formed string. */
	name: string | undefined;
}

/** The first `@odata.type` member of an object; later ones are duplicates. */
export function readTag(object: JSONNode): Tag | undefined {
	for (const property of object.children ?? []) {
		const key = property.children?.[0];
		if (key?.value === tagKey) {
			const value = property.children?.[1];
			return { property, value, name: tagName(value) };
		}
	}
	return undefined;
}

function tagName(value: JSONNode | undefined): string | undefined {
	if (value?.type !== 'string' || typeof value.value !== 'string') {
		return undefined;
	}
	const name = value.value.startsWith('#') ? value.value.slice(1) : value.value;
	return qualifiedNamePattern.test(name) ? name : undefined;
}

export function isQualifiedName(name: string): boolean {
	return qualifiedNamePattern.test(name);
}

/** `https://graph.microsoft.com/beta/$metadata#...` names the document's version. */
export function versionFromContext(context: string): ApiVersion | undefined {
	const match = /\/(beta|v1\.0)\/\$metadata/i.exec(context);
	if (!match) {
		return undefined;
	}
	return match[1].toLowerCase() === 'beta' ? 'beta' : 'v1.0';
}

/** The version named by the root object's `@odata.context`, else the fallback. */
export function documentVersion(root: JSONNode | undefined, fallback: ApiVersion): ApiVersion {
	if (root?.type !== 'object') {
		return fallback;
	}
	for (const property of root.children ?? []) {
		const [key, value] = property.children ?? [];
		if (key?.value === '@odata.context' && typeof value?.value === 'string') {
			return versionFromContext(value.value) ?? fallback;
		}
	}
	return fallback;
}

/** The key text of a property node. */
export function keyOf(property: JSONNode): string | undefined {
	const key = property.children?.[0];
	return typeof key?.value === 'string' ? key.value : undefined;
}
