/**
 * Every user-facing validation message, written once. Messages name the property path and what
 * was expected, and end with a suggestion where one is close.
 */

import type { JSONNode } from '../json';
import { getNodePathTail } from '../json';

/**
 * Segments a message names at most, and characters per key: every problem's message holds its
 * path, so an unbounded path makes deep or long-keyed documents cost quadratic time and memory.
 */
const maxPathSegments = 16;
const maxSegmentLength = 60;

/** `value[3].actionState`, or `(root)` for the document itself; `…` starts a partial path. */
export function formatPath(path: readonly (string | number)[], isComplete = true): string {
	let text = isComplete ? '' : '…';
	for (const segment of path) {
		if (typeof segment === 'number') {
			text += `[${segment}]`;
		} else if (segment.length <= maxSegmentLength && /^[A-Za-z_@$][\w@.$]*$/.test(segment)) {
			text += text ? `.${segment}` : segment;
		} else {
			text += `[${quote(segment)}]`;
		}
	}
	return text || '(root)';
}

/** The path of a node for a message (its last segments at great depth), then `key` if given. */
export function nodePath(node: JSONNode, key?: string): string {
	const { path, isComplete } = getNodePathTail(node, maxPathSegments);
	return formatPath(key === undefined ? path : [...path, key], isComplete);
}

export function quote(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	if (text.length <= 60) {
		return text;
	}
	// Never cut between the halves of a surrogate pair: the message would hold half a character.
	const end = isHighSurrogate(text.charCodeAt(56)) ? 56 : 57;
	return `${text.slice(0, end)}...`;
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function didYouMean(suggestion: string | undefined): string {
	return suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
}

export const messages = {
	tagNotString: (kind: string) =>
		`@odata.type must be a string naming a qualified type such as "#microsoft.graph.user", not ${kind}.`,
	tagMalformed: (value: string) =>
		`@odata.type ${quote(value)} is not a qualified type name such as "#microsoft.graph.user".`,
	tagNamesEnum: (name: string) =>
		`@odata.type names the enum type "${name}"; it must name a structured (entity or complex) type.`,
	unknownType: (name: string, suggestion?: string) =>
		`Unknown type "${name}" in @odata.type: no loaded source defines it.${didYouMean(suggestion)}`,
	wrongCaseType: (name: string, match: string) =>
		`Unknown type "${name}" in @odata.type: type names are case-sensitive. Did you mean "#${match}"? The object is checked as ${match}.`,
	incompatibleType: (path: string, name: string, declared: string) =>
		`Type "${name}" at ${path} is not ${declared} or a type derived from it, as the property declares.`,
	duplicateProperty: (path: string, key: string) =>
		`Duplicate key "${key}" in ${path}: JSON readers keep only one of them.`,
	duplicateTag: (path: string) =>
		`Second @odata.type in ${path}: the first one decides the type; remove this one.`,
	unknownProperty: (path: string, key: string, typeName: string, suggestion?: string) =>
		`Property "${key}" is not defined in ${typeName} (at ${path}).${didYouMean(suggestion)}`,
	otherVersionHas: (version: string) =>
		`The ${version === 'beta' ? 'v1.0' : 'beta'} definition of the type has it; this document is checked as ${version} (its @odata.context, else the apiVersion setting).`,
	typeMismatch: (path: string, expected: string, actual: string) =>
		`Incorrect type at ${path}: expected ${expected}, got ${actual}.`,
	outOfRange: (path: string, raw: string, type: string, min: string, max: string) =>
		`Value ${raw} at ${path} is out of range for ${type}: expected ${min} to ${max}.`,
	invalidFormat: (path: string, type: string, detail: string) =>
		`Invalid ${type} at ${path}: ${detail}`,
	invalidEnum: (
		path: string,
		value: string,
		enumName: string,
		members: string[],
		suggestion?: string,
	) =>
		`${quote(value)} at ${path} is not a member of enum ${enumName}; expected one of: ${members.join(', ')}.${didYouMean(suggestion)}`,
	invalidFlags: (
		path: string,
		value: string,
		enumName: string,
		members: string[],
		suggestion?: string,
	) =>
		`${quote(value)} at ${path} is not a valid value of flags enum ${enumName}: write members joined by commas without spaces, from: ${members.join(', ')}.${didYouMean(suggestion)}`,
	notNullable: (path: string, source: string) =>
		`null is not allowed at ${path}: ${source} marks the property as not nullable.`,
	unknownAnnotation: (key: string, suggestion?: string) =>
		`Unknown OData annotation "${key}": OData defines no such annotation (names are case-sensitive).${didYouMean(suggestion)}`,
	annotationValue: (key: string, expected: string, actual: string) =>
		`Incorrect value for "${key}": expected ${expected}, got ${actual}.`,
	notChecked: (size: number, limit: number) =>
		`Not checked: the document is ${size} bytes, over the size limit of ${limit} bytes. Raise the limit to check it (the graphFixtures.maxFileSize setting, or --max-file-size).`,
	emptyDocument: () => 'Empty document: expected a JSON value.',
};

/** "string", "number 1.5", "null", ... for "got ..." in messages. */
export function describeValue(value: unknown, raw?: string): string {
	if (value === null) {
		return 'null';
	}
	if (Array.isArray(value)) {
		return 'an array';
	}
	switch (typeof value) {
		case 'string':
			return `string ${quote(value)}`;
		case 'number':
			return `number ${raw ?? String(value)}`;
		case 'boolean':
			return `boolean ${value}`;
		case 'object':
			return 'an object';
		default:
			return 'nothing';
	}
}
