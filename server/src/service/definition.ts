/**
 * Go to definition: from a key to its property's row in the reference page, from a tag to its
 * type's page, from an enum value to its member. Locations are `file:` URIs, bundled pages
 * included, so that any editor can open them.
 */
import type { Location } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import type { JSONDocument, JSONNode } from '../json';
import type { TypeModel } from '../model/typeModel';
import type { ApiVersion, SourceLocation } from '../model/types';
import { enumOf, isKey, tokenAt } from './hover';
import { documentVersion, keyOf, readTag, tagKey } from './tags';
import { contextOf } from './typing';

export interface DefinitionOptions {
	model: TypeModel;
	/** The version of documents whose `@odata.context` names none. */
	apiVersion: ApiVersion;
}

/** Where the token at `offset` is defined, or null. */
export function findDefinition(
	json: JSONDocument,
	offset: number,
	options: DefinitionOptions,
): Location | null {
	const node = tokenAt(json, offset);
	if (node === undefined) {
		return null;
	}
	const version = documentVersion(json.root, options.apiVersion);
	const location = sourceOf(node, options.model, version);
	return location ? toLocation(location) : null;
}

function sourceOf(
	node: JSONNode,
	model: TypeModel,
	version: ApiVersion,
): SourceLocation | undefined {
	const parent = node.parent;
	if (isKey(node)) {
		return contextOf(node, model, version).property?.definition.location;
	}
	if (parent?.type === 'property' && keyOf(parent) === tagKey) {
		const tag = parent.parent && readTag(parent.parent);
		const found =
			tag?.property === parent && tag.name ? model.find(tag.name, version) : undefined;
		return found?.type.location;
	}
	const enumType =
		node.type === 'string' ? enumOf(contextOf(node, model, version).expected) : undefined;
	if (enumType === undefined) {
		return undefined;
	}
	const member = enumType.members.find((item) => item.name === node.value);
	return member?.location ?? enumType.location;
}

/** A zero-width location at the start of the source line. */
export function toLocation(location: SourceLocation): Location {
	const position = { line: Math.max(0, location.line), character: 0 };
	return { uri: URI.file(location.fsPath).toString(), range: { start: position, end: position } };
}
