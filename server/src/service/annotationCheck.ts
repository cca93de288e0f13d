/**
 * Checks one annotation member: an `@odata.*` term OData does not define, or a value of the
 * wrong kind for one it does. Other namespaces (`@microsoft.graph.*`, custom) pass as they are.
 */
import type { JSONNode } from '../json';
import {
	annotationValueKind,
	describeAnnotationKind,
	isKnownODataAnnotation,
	isODataNamespace,
	parseAnnotation,
	suggestODataAnnotation,
} from './annotations';
import { describeValue, messages } from './messages';
import type { Problem } from './problems';
import { DiagnosticCode, problemAt } from './problems';
import { tagKey } from './tags';

export function checkAnnotation(
	key: string,
	keyNode: JSONNode,
	value: JSONNode | undefined,
): Problem | undefined {
	const annotation = parseAnnotation(key);
	if (!annotation || !isODataNamespace(annotation)) {
		return undefined;
	}
	if (!isKnownODataAnnotation(annotation)) {
		const suggestion = suggestODataAnnotation(annotation);
		const fixes = suggestion
			? [
					{
						title: `Change to "${suggestion}"`,
						offset: keyNode.offset,
						length: keyNode.length,
						newText: JSON.stringify(suggestion),
					},
				]
			: undefined;
		return problemAt(
			keyNode,
			DiagnosticCode.unknownAnnotation,
			messages.unknownAnnotation(key, suggestion),
			fixes,
		);
	}
	// The tag itself is checked by typing, with its own codes.
	if (key === tagKey || !value) {
		return undefined;
	}
	const kind = annotationValueKind(annotation);
	if (matchesKind(value, kind)) {
		return undefined;
	}
	const actual = describeValue(
		value.type === 'object' ? {} : value.type === 'array' ? [] : (value.value ?? null),
		value.raw,
	);
	return problemAt(
		value,
		DiagnosticCode.typeMismatch,
		messages.annotationValue(key, describeAnnotationKind(kind), actual),
	);
}

/**
 * Whether checkAnnotation finds nothing wrong with a member, read from its parsed value: for
 * values whose number literals are all the canonical text of their value (see ItemFacts).
 */
export function isAnnotationFine(key: string, value: unknown): boolean {
	const annotation = parseAnnotation(key);
	if (!annotation || !isODataNamespace(annotation)) {
		return true;
	}
	if (!isKnownODataAnnotation(annotation)) {
		return false;
	}
	if (key === tagKey) {
		return true;
	}
	switch (annotationValueKind(annotation)) {
		case 'integer':
			return typeof value === 'number' && /^[0-9]+$/.test(String(value));
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		case 'stringOrStrings':
			return (
				typeof value === 'string' ||
				(Array.isArray(value) && value.every((item) => typeof item === 'string'))
			);
		case 'string':
			return typeof value === 'string';
		default:
			return true;
	}
}

function matchesKind(value: JSONNode, kind: ReturnType<typeof annotationValueKind>): boolean {
	switch (kind) {
		case 'integer':
			// Counts are never negative.
			return value.type === 'number' && /^[0-9]+$/.test(value.raw ?? '');
		case 'object':
			return value.type === 'object';
		case 'stringOrStrings':
			return (
				value.type === 'string' ||
				(value.type === 'array' &&
					(value.children ?? []).every((item) => item.type === 'string'))
			);
		case 'string':
			return value.type === 'string';
		default:
			return true;
	}
}
