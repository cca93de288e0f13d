/**
 * Hover: the reference description of a property on its key, enum information on a value, the
 * type on a tag, the OData explanation on an annotation key. Each hover covers its token.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import type { JSONDocument, JSONNode } from '../json';
import { findNodeAtOffset, isOffsetInComment } from '../json';
import type { ResolvedProperty, ResolvedType, TypeModel } from '../model/typeModel';
import type { ApiVersion, EnumTypeDefinition, StructuredTypeDefinition } from '../model/types';
import {
	explainAnnotation,
	isKnownODataAnnotation,
	isODataNamespace,
	parseAnnotation,
	suggestODataAnnotation,
} from './annotations';
import { documentVersion, keyOf, readTag, tagKey } from './tags';
import { contextOf, describeType, objectTypeOf } from './typing';

export interface HoverOptions {
	model: TypeModel;
	/** The version of documents whose `@odata.context` names none. */
	apiVersion: ApiVersion;
}

interface HoverContext {
	model: TypeModel;
	version: ApiVersion;
}

/** The hover of the token at `offset`, or null where there is nothing to explain. */
export function doHover(
	document: TextDocument,
	json: JSONDocument,
	offset: number,
	options: HoverOptions,
): Hover | null {
	const node = tokenAt(json, offset);
	if (node === undefined) {
		return null;
	}
	const context = {
		model: options.model,
		version: documentVersion(json.root, options.apiVersion),
	};
	const contents = describeToken(context, node);
	if (contents === undefined) {
		return null;
	}
	return {
		contents: { kind: MarkupKind.Markdown, value: contents },
		range: {
			start: document.positionAt(node.offset),
			end: document.positionAt(node.offset + node.length),
		},
	};
}

/** The literal token under the cursor, or the one ending right at it; none inside comments. */
export function tokenAt(json: JSONDocument, offset: number): JSONNode | undefined {
	const root = json.root;
	if (root === undefined || isOffsetInComment(json, offset)) {
		return undefined;
	}
	for (const includeEnd of [false, true]) {
		const node = findNodeAtOffset(root, offset, includeEnd);
		if (node !== undefined && isToken(node)) {
			return node;
		}
	}
	return undefined;
}

function isToken(node: JSONNode): boolean {
	return node.type !== 'object' && node.type !== 'array' && node.type !== 'property';
}

/** Whether `node` is the key of its property. */
export function isKey(node: JSONNode): boolean {
	return node.parent?.type === 'property' && node.parent.children?.[0] === node;
}

function describeToken(context: HoverContext, node: JSONNode): string | undefined {
	const parent = node.parent;
	if (isKey(node)) {
		return describeKey(context, node);
	}
	if (parent?.type === 'property' && keyOf(parent) === tagKey) {
		return describeTag(context, parent);
	}
	if (parent === undefined || (parent.type === 'property' && keyOf(parent)?.includes('@'))) {
		return undefined;
	}
	return describeValue(context, node);
}

// --- keys ---------------------------------------------------------------------------------------

function describeKey(context: HoverContext, key: JSONNode): string | undefined {
	const name = String(key.value);
	if (name.includes('@')) {
		return describeAnnotation(name);
	}
	const { model, version } = context;
	const memberContext = contextOf(key, model, version);
	const property = memberContext.property;
	if (property === undefined) {
		return undefined;
	}
	const object = key.parent?.parent;
	const owner = object && objectTypeOf(object, contextOf(object, model, version), model, version);
	return describeProperty(property, owner);
}

/** Name and type, the page's description, the allowed values, and where it is inherited from. */
export function describeProperty(
	property: ResolvedProperty,
	owner: StructuredTypeDefinition | undefined,
): string {
	const definition = property.definition;
	const parts = [`**${definition.name}**: \`${describeType(property.type)}\``];
	if (definition.description) {
		parts.push(definition.description);
	}
	const members = enumOf(property.type)?.members.map((member) => `\`${member.name}\``);
	// Pages often list the values in the description already; say them once.
	if (
		members &&
		members.length > 0 &&
		!members.every((member) => definition.description.includes(member))
	) {
		parts.push(`Allowed values: ${members.join(', ')}.`);
	}
	if (definition.nullable === false) {
		parts.push('Not nullable.');
	}
	if (owner && property.declaringType.name !== owner.name) {
		parts.push(`Inherited from \`${property.declaringType.name}\`.`);
	}
	return parts.join('\n\n');
}

function describeAnnotation(key: string): string | undefined {
	const annotation = parseAnnotation(key);
	if (annotation === undefined) {
		return undefined;
	}
	const target = annotation.target ? ` of the property \`${annotation.target}\`` : '';
	const title = `**${key}**: OData annotation${target}`;
	if (!isODataNamespace(annotation)) {
		const namespace = annotation.namespace || '(no namespace)';
		return `**${key}**: custom annotation in the \`${namespace}\` namespace, accepted as it is.`;
	}
	if (!isKnownODataAnnotation(annotation)) {
		const suggestion = suggestODataAnnotation(annotation);
		const hint = suggestion ? ` Did you mean \`${suggestion}\`?` : '';
		return `${title}\n\nOData defines no such annotation (names are case-sensitive).${hint}`;
	}
	return `${title}\n\n${explainAnnotation(annotation)}`;
}

// --- tags ---------------------------------------------------------------------------------------

function describeTag(context: HoverContext, property: JSONNode): string | undefined {
	const object = property.parent;
	const tag = object && readTag(object);
	if (tag?.property !== property || tag.name === undefined) {
		return undefined;
	}
	const found = context.model.find(tag.name, context.version);
	if (found === undefined) {
		return undefined;
	}
	return found.type.kind === 'structured'
		? describeStructured(context, found.type)
		: describeEnum(found.type, undefined);
}

/** A structured type: description, base type, number of properties and its page. */
export function describeStructured(context: HoverContext, type: StructuredTypeDefinition): string {
	const kind = type.isEntity ? 'entity type' : 'complex type';
	const parts = [`**${type.name}**: ${type.isAbstract ? 'abstract ' : ''}${kind}`];
	if (type.description) {
		parts.push(type.description);
	}
	const details: string[] = [];
	if (type.baseType) {
		details.push(`Base type: \`${type.baseType}\``);
	}
	const properties = context.model.propertiesOf(type, context.version);
	const inherited = [...properties.values()].filter((item) => item.declaringType !== type).length;
	const inheritedText = inherited > 0 ? ` (${inherited} inherited)` : '';
	details.push(`${properties.size} properties${inheritedText}`);
	const source = describeSource(type);
	if (source) {
		details.push(source);
	}
	parts.push(details.join('  \n'));
	return parts.join('\n\n');
}

function describeSource(type: StructuredTypeDefinition | EnumTypeDefinition): string | undefined {
	if (!type.location) {
		return undefined;
	}
	const file = type.location.fsPath.split(/[\\/]/).pop();
	const origin =
		type.source === 'bundled' ? ' (bundled)' : type.source === 'csdl' ? ' ($metadata)' : '';
	return `Defined in \`${file}\`${origin}`;
}

// --- values -------------------------------------------------------------------------------------

function describeValue(context: HoverContext, node: JSONNode): string | undefined {
	const { model, version } = context;
	const memberContext = contextOf(node, model, version);
	const expected = memberContext.expected;
	if (expected === undefined) {
		return undefined;
	}
	const enumType = enumOf(expected);
	if (enumType && node.type === 'string') {
		return describeEnum(enumType, String(node.value));
	}
	const name = memberContext.property?.definition.name;
	const parts = [
		name ? `**${name}**: \`${describeType(expected)}\`` : `\`${describeType(expected)}\``,
	];
	if (node.type === 'number') {
		// The literal itself: beyond 2^53 the parsed number is not the value that was written.
		parts.push(`Value: \`${node.raw ?? String(node.value)}\``);
	}
	const description = memberContext.property?.definition.description;
	if (description) {
		parts.push(description);
	}
	return parts.join('\n\n');
}

/** An enum: its name, the member's description (or each chosen flag's), and every member. */
function describeEnum(type: EnumTypeDefinition, value: string | undefined): string {
	const parts = [`**${type.name}**: ${type.isFlags ? 'flags ' : ''}enum`];
	const chosen = value === undefined ? [] : type.isFlags ? value.split(',') : [value];
	for (const name of chosen) {
		const member = type.members.find((item) => item.name === name.trim());
		if (member === undefined) {
			parts.push(`\`${name}\` is not a member.`);
		} else {
			parts.push(
				`Value \`${member.name}\`${member.description ? `: ${member.description}` : '.'}`,
			);
		}
	}
	if (type.description) {
		parts.push(type.description);
	}
	const members = type.members.map((member) => `\`${member.name}\``);
	parts.push(`Members: ${members.join(', ')}.`);
	return parts.join('\n\n');
}

/** The enum of a declared type, through collections and unions. */
export function enumOf(type: ResolvedType | undefined): EnumTypeDefinition | undefined {
	switch (type?.kind) {
		case 'enum':
			return type.type;
		case 'collection':
			return enumOf(type.of);
		case 'union':
			return type.of.map(enumOf).find(Boolean);
		default:
			return undefined;
	}
}
