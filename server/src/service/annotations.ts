/**
 * OData control information: which `@odata.*` annotations exist and what their values must be.
 * OData 4.01 JSON format, section 4.5; names are case-sensitive.
 */
import { closestMatch } from '../model/suggest';

type ValueKind = 'string' | 'integer' | 'object' | 'stringOrStrings' | 'any';

const odataAnnotations: Record<string, ValueKind> = {
	context: 'string',
	type: 'string',
	id: 'string',
	etag: 'string',
	editLink: 'string',
	readLink: 'string',
	navigationLink: 'string',
	associationLink: 'string',
	nextLink: 'string',
	deltaLink: 'string',
	count: 'integer',
	removed: 'object',
	bind: 'stringOrStrings',
	metadataEtag: 'string',
	mediaEditLink: 'string',
	mediaReadLink: 'string',
	mediaContentType: 'string',
	mediaEtag: 'string',
};

const explanations: Record<string, string> = {
	context: 'The context URL: where the payload comes from and what it describes.',
	type: 'The type of the object (or, as `name@odata.type`, of a property value).',
	id: 'The entity id: a URL that identifies the entity.',
	etag: 'The entity tag of the entity, for optimistic concurrency.',
	editLink: 'The URL to update or delete the entity.',
	readLink: 'The URL to read the entity.',
	navigationLink: 'The URL of a navigation property.',
	associationLink: 'The URL of the reference to a related entity.',
	nextLink: 'The URL of the next page of a partial collection (server-driven paging).',
	deltaLink: 'The URL that returns the changes since this response (delta query).',
	count: 'The total number of items in the collection, as requested with $count.',
	removed: 'Marks an entity removed from a delta response, with the reason.',
	bind: 'References to existing entities to bind a navigation property to.',
	metadataEtag: 'The entity tag of the metadata document.',
	mediaEditLink: 'The URL to update the media stream.',
	mediaReadLink: 'The URL to read the media stream.',
	mediaContentType: 'The media type of the media stream.',
	mediaEtag: 'The entity tag of the media stream.',
};

export interface AnnotationName {
	/** The property name it annotates, or '' for an instance annotation. */
	target: string;
	namespace: string;
	term: string;
}

/** Splits `name@ns.term` or `@ns.term`; undefined for keys without '@'. */
export function parseAnnotation(key: string): AnnotationName | undefined {
	const at = key.indexOf('@');
	if (at < 0) {
		return undefined;
	}
	const qualified = key.slice(at + 1);
	const dot = qualified.lastIndexOf('.');
	return {
		target: key.slice(0, at),
		namespace: dot < 0 ? '' : qualified.slice(0, dot),
		term: dot < 0 ? qualified : qualified.slice(dot + 1),
	};
}

export function isODataNamespace(annotation: AnnotationName): boolean {
	return annotation.namespace.toLowerCase() === 'odata';
}

/** Whether OData defines the annotation; only meaningful for the odata namespace. */
export function isKnownODataAnnotation(annotation: AnnotationName): boolean {
	return annotation.namespace === 'odata' && Object.hasOwn(odataAnnotations, annotation.term);
}

/** The defined annotation closest to an unknown one, as the full key to write. */
export function suggestODataAnnotation(annotation: AnnotationName): string | undefined {
	const term = closestMatch(annotation.term, Object.keys(odataAnnotations));
	return term === undefined ? undefined : `${annotation.target}@odata.${term}`;
}

export function annotationValueKind(annotation: AnnotationName): ValueKind {
	if (!isKnownODataAnnotation(annotation)) {
		return 'any';
	}
	return odataAnnotations[annotation.term];
}

export function describeAnnotationKind(kind: ValueKind): string {
	switch (kind) {
		case 'integer':
			return 'a non-negative integer';
		case 'object':
			return 'an object';
		case 'stringOrStrings':
			return 'a string or an array of strings';
		default:
			return 'a string';
	}
}

export function explainAnnotation(annotation: AnnotationName): string | undefined {
	return isKnownODataAnnotation(annotation) ? explanations[annotation.term] : undefined;
}

export function odataAnnotationTerms(): string[] {
	return Object.keys(odataAnnotations);
}
