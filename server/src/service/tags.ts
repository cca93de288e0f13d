/**
 * Reading `@odata.type` tags and `@odata.context` URLs: the part of typing that needs no model.
 */
import type { ApiVersion } from '../model/types';
import type { JSONNode } from '../json';
import { typeMember } from '../json';

export const tagKey = typeMember;

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
	return nameOfTag(value.value);
}

/** The qualified name a tag's text names, without its '#'; undefined when malformed. */
export function nameOfTag(text: string): string | undefined {
	const name = text.startsWith('#') ? text.slice(1) : text;
	return isQualifiedName(name) ? name : undefined;
}

/**
 * A namespace-qualified OData name: dotted identifiers, at least one dot. Read in one loop: a
 * regular expression with a repeated group overflows its backtracking stack on a tag of a few
 * million `a.` pairs.
 */
export function isQualifiedName(name: string): boolean {
	let dots = 0;
	let isSegmentStart = true;
	for (let i = 0; i < name.length; i++) {
		const code = name.charCodeAt(i);
		if (code === 46) {
			if (isSegmentStart) {
				return false;
			}
			dots++;
			isSegmentStart = true;
		} else if (isIdentifierCode(code, isSegmentStart)) {
			isSegmentStart = false;
		} else {
			return false;
		}
	}
	return dots > 0 && !isSegmentStart;
}

/** [A-Za-z_], and also [0-9] after a segment's first character. */
function isIdentifierCode(code: number, isFirst: boolean): boolean {
	const isLetter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
	return isLetter || (!isFirst && code >= 48 && code <= 57);
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
		const key = property.children?.[0];
		const value = property.children?.[1];
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
