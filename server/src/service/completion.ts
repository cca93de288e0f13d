/**
 * Completion: property names, annotation keys, enum members, booleans, example values and
 * `@odata.type` values, computed from the tolerant tree of a document the user is typing in.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-types';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import type { JSONDocument, JSONNode } from '../json';
import type { ResolvedProperty, ResolvedType, TypeModel } from '../model/typeModel';
import type { ApiVersion, EnumTypeDefinition, StructuredTypeDefinition } from '../model/types';
import { explainAnnotation, odataAnnotationTerms, parseAnnotation } from './annotations';
import type { KeySlot, Slot, Span, ValueSlot } from './cursor';
import { findSlot } from './cursor';
import { documentVersion, keyOf, tagKey } from './tags';
import { contextOf, describeType, itemContext, objectTypeOf, structuredOf } from './typing';
import { typeItems, tagValueSnippet } from './typeCompletion';
import {
	escapeSnippet,
	primitiveExample,
	snippetToPlainText,
	valueSnippet,
} from './valueTemplates';

export interface CompletionOptions {
	model: TypeModel;
	/** The version of documents whose `@odata.context` names none. */
	apiVersion: ApiVersion;
	/** Whether the client expands snippets; without it, proposals insert plain text. */
	snippetSupport: boolean;
}

/** What every proposal of one request shares. */
export interface CompletionContext {
	document: TextDocument;
	json: JSONDocument;
	offset: number;
	model: TypeModel;
	version: ApiVersion;
	snippetSupport: boolean;
}

/** Proposals at `offset`; an empty list (never an error) where nothing fits. */
export function doComplete(
	document: TextDocument,
	json: JSONDocument,
	offset: number,
	options: CompletionOptions,
): CompletionList {
	const version = documentVersion(json.root, options.apiVersion);
	const context: CompletionContext = { document, json, offset, version, ...options };
	const text = document.getText();
	const clamped = Math.max(0, Math.min(offset, text.length));
	if (json.root === undefined) {
		return list(text.trim() === '' ? [newDocumentItem(context)] : []);
	}
	const slot = findSlot(text, json, clamped);
	if (slot === undefined) {
		return list([]);
	}
	return list(slot.kind === 'key' ? keyItems(context, slot) : valueItems(context, slot));
}

function list(items: CompletionItem[]): CompletionList {
	return { isIncomplete: false, items };
}

/** In an empty file: a tagged object to start a fixture with. */
function newDocumentItem(context: CompletionContext): CompletionItem {
	const snippet = `{\n\t"${tagKey}": ${tagValueSnippet(context.model, undefined, context.version)}$0\n}`;
	return finish(
		context,
		{ offset: 0, length: context.document.getText().length },
		{
			label: `{ "${tagKey}": … }`,
			kind: CompletionItemKind.Snippet,
			detail: 'New fixture',
			sortText: '0',
		},
		snippet,
	);
}

/** Gives an item its edit: a snippet when the client expands them, else plain text. */
export function finish(
	context: CompletionContext,
	span: Span,
	item: CompletionItem,
	snippet: string,
): CompletionItem {
	const { document } = context;
	const range = {
		start: document.positionAt(span.offset),
		end: document.positionAt(span.offset + span.length),
	};
	const isSnippet = context.snippetSupport && /\$\d|\$\{/.test(snippet);
	const newText = context.snippetSupport ? snippet : snippetToPlainText(snippet);
	item.textEdit = { range, newText };
	item.insertTextFormat = isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText;
	return item;
}

/** The ',' that the previous member lacks, as an additional edit. */
function commaBeforeEdit(context: CompletionContext, slot: Slot): TextEdit[] | undefined {
	if (slot.commaBefore === undefined) {
		return undefined;
	}
	const position = context.document.positionAt(slot.commaBefore);
	return [{ range: { start: position, end: position }, newText: ',' }];
}

// --- property names -----------------------------------------------------------------------------

function keyItems(context: CompletionContext, slot: KeySlot): CompletionItem[] {
	const { model, version } = context;
	const present = presentKeys(slot);
	const objectContext = contextOf(slot.object, model, version);
	const owner = objectTypeOf(slot.object, objectContext, model, version);
	const items: CompletionItem[] = [];
	if (!present.has(tagKey)) {
		const declared = structuredOf(objectContext.expected);
		items.push(
			keyItem(context, slot, tagItemBase(), tagValueSnippet(model, declared, version)),
		);
	}
	if (owner) {
		for (const [name, property] of model.propertiesOf(owner, version)) {
			if (!present.has(name)) {
				items.push(propertyItem(context, slot, property, owner));
			}
		}
	}
	for (const term of odataAnnotationTerms()) {
		const name = `@odata.${term}`;
		if (name !== tagKey && !present.has(name)) {
			items.push(annotationItem(context, slot, name));
		}
	}
	return items;
}

/** Keys of the object, except the one being written. */
function presentKeys(slot: KeySlot): Set<string> {
	const keys = new Set<string>();
	for (const property of slot.object.children ?? []) {
		const key = keyOf(property);
		if (property !== slot.property && key !== undefined) {
			keys.add(key);
		}
	}
	return keys;
}

function tagItemBase(): CompletionItem {
	return {
		label: tagKey,
		kind: CompletionItemKind.Property,
		detail: 'OData annotation: the type of the object',
		documentation: explainAnnotation({ target: '', namespace: 'odata', term: 'type' }),
		sortText: '0',
		preselect: true,
	};
}

function propertyItem(
	context: CompletionContext,
	slot: KeySlot,
	property: ResolvedProperty,
	owner: StructuredTypeDefinition,
): CompletionItem {
	const definition = property.definition;
	const item: CompletionItem = {
		label: definition.name,
		kind: CompletionItemKind.Property,
		detail: describeType(property.type),
		documentation: { kind: MarkupKind.Markdown, value: propertyDocumentation(property, owner) },
		sortText: '1',
	};
	return keyItem(context, slot, item, valueSnippet(property.type, definition.range));
}

function propertyDocumentation(
	property: ResolvedProperty,
	owner: StructuredTypeDefinition,
): string {
	const parts = [property.definition.description];
	if (property.declaringType.name !== owner.name) {
		parts.push(`Inherited from \`${property.declaringType.name}\`.`);
	}
	return parts.filter((part) => part !== '').join('\n\n');
}

function annotationItem(context: CompletionContext, slot: KeySlot, name: string): CompletionItem {
	const annotation = parseAnnotation(name);
	const item: CompletionItem = {
		label: name,
		kind: CompletionItemKind.Property,
		detail: 'OData annotation',
		documentation: annotation && explainAnnotation(annotation),
		sortText: '2',
	};
	const value = name === '@odata.count' ? '${1:0}' : '"$1"';
	return keyItem(context, slot, item, value);
}

/** A key proposal: the name, and its value unless the property already has a colon. */
function keyItem(
	context: CompletionContext,
	slot: KeySlot,
	item: CompletionItem,
	value: string,
): CompletionItem {
	const quotedName = `"${item.label}"`;
	item.filterText = slot.isQuoted ? quotedName : item.label;
	const comma = slot.needsCommaAfter ? ',' : '';
	const name = `"${escapeSnippet(item.label)}"`;
	const snippet = slot.hasColon ? name : `${name}: ${value}${comma}`;
	item.additionalTextEdits = commaBeforeEdit(context, slot);
	return finish(context, slot.replace, item, snippet);
}

// --- values -------------------------------------------------------------------------------------

function valueItems(context: CompletionContext, slot: ValueSlot): CompletionItem[] {
	const { model, version } = context;
	const key = slot.property && keyOf(slot.property);
	if (key === tagKey) {
		return typeItems(context, slot).map((item) => valueItem(context, slot, item));
	}
	if (key !== undefined && key.includes('@')) {
		return [];
	}
	const expected = slot.property
		? contextOf(slot.property.children![0], model, version).expected
		: itemContext(contextOf(slot.container, model, version)).expected;
	if (slot.isQuoted && slot.node) {
		const flags = flagsEnumOf(expected);
		if (
			flags &&
			text(context)
				.slice(slot.node.offset + 1, context.offset)
				.includes(',')
		) {
			return flagItems(context, slot.node, flags);
		}
	}
	return proposalsFor(context, expected, slot.isQuoted).map((item) =>
		valueItem(context, slot, item),
	);
}

function text(context: CompletionContext): string {
	return context.document.getText();
}

/** A proposed value before it gets its edit: the item and the JSON text it inserts. */
export interface ValueProposal {
	item: CompletionItem;
	snippet: string;
}

function valueItem(
	context: CompletionContext,
	slot: ValueSlot,
	proposal: ValueProposal,
): CompletionItem {
	const { item, snippet } = proposal;
	const plain = snippetToPlainText(snippet);
	item.filterText = slot.isQuoted ? plain : plain.replace(/^"|"$/g, '');
	item.additionalTextEdits = commaBeforeEdit(context, slot);
	return finish(
		context,
		slot.replace,
		item,
		slot.prefix + snippet + (slot.needsCommaAfter ? ',' : ''),
	);
}

function proposalsFor(
	context: CompletionContext,
	expected: ResolvedType | undefined,
	isQuoted: boolean,
): ValueProposal[] {
	switch (expected?.kind) {
		case 'enum':
			return expected.type.members.map((member) => ({
				item: {
					label: member.name,
					kind: CompletionItemKind.EnumMember,
					detail: `${expected.type.name}`,
					documentation: member.description || undefined,
				},
				snippet: `"${escapeSnippet(member.name)}"`,
			}));
		case 'primitive':
			return primitiveProposals(expected.name, isQuoted);
		case 'structured':
			return isQuoted ? [] : objectProposals(context, expected.type);
		case 'collection':
			return isQuoted
				? []
				: [literal('[]', '[$1]', CompletionItemKind.Value, describeType(expected))];
		case 'union':
			return expected.of.flatMap((member) => proposalsFor(context, member, isQuoted));
		default:
			return [];
	}
}

function literal(
	label: string,
	snippet: string,
	kind: CompletionItemKind,
	detail?: string,
): ValueProposal {
	return { item: { label, kind, detail }, snippet };
}

function primitiveProposals(name: string, isQuoted: boolean): ValueProposal[] {
	if (name === 'Boolean') {
		return isQuoted
			? []
			: [
					literal('true', 'true', CompletionItemKind.Value, 'Boolean'),
					literal('false', 'false', CompletionItemKind.Value, 'Boolean'),
				];
	}
	const example = primitiveExample(name as Parameters<typeof primitiveExample>[0]);
	if (example === undefined) {
		return [];
	}
	const json = JSON.stringify(example);
	return [
		literal(
			json,
			`"\${1:${escapeSnippet(example)}}"`,
			CompletionItemKind.Value,
			`${name} example`,
		),
	];
}

/** Tagged empty objects of the declared type and the concrete types derived from it. */
function objectProposals(
	context: CompletionContext,
	declared: StructuredTypeDefinition,
): ValueProposal[] {
	const { model, version } = context;
	const types = model.derivedTypes(declared, version).filter((type) => !type.isAbstract);
	const names = [...new Set([declared.name, ...types.map((type) => type.name)])].slice(0, 20);
	return names.map((name, index) => ({
		item: {
			label: `{ "${tagKey}": "#${name}" }`,
			kind: CompletionItemKind.Struct,
			detail: name,
			sortText: index === 0 ? '0' : '1',
		},
		snippet: `{ "${tagKey}": "#${escapeSnippet(name)}"$1 }`,
	}));
}

function flagsEnumOf(type: ResolvedType | undefined): EnumTypeDefinition | undefined {
	if (type?.kind === 'enum' && type.type.isFlags) {
		return type.type;
	}
	return type?.kind === 'union' ? type.of.map(flagsEnumOf).find(Boolean) : undefined;
}

/** In a flags value after a comma: the member being typed, not the whole string. */
function flagItems(
	context: CompletionContext,
	node: JSONNode,
	type: EnumTypeDefinition,
): CompletionItem[] {
	const source = text(context);
	const contentStart = node.offset + 1;
	const closing = source.charCodeAt(node.offset + node.length - 1) === 34 ? 1 : 0;
	const contentEnd = Math.max(contentStart, node.offset + node.length - closing);
	const start = source.lastIndexOf(',', context.offset - 1) + 1;
	const nextComma = source.indexOf(',', context.offset);
	const end = nextComma >= 0 && nextComma < contentEnd ? nextComma : contentEnd;
	const chosen = new Set(
		source
			.slice(contentStart, contentEnd)
			.split(',')
			.map((part) => part.trim()),
	);
	const span = { offset: start, length: end - start };
	return type.members
		.filter((member) => !chosen.has(member.name))
		.map((member) => {
			const item: CompletionItem = {
				label: member.name,
				kind: CompletionItemKind.EnumMember,
				detail: type.name,
				documentation: member.description || undefined,
				filterText: member.name,
			};
			return finish(context, span, item, escapeSnippet(member.name));
		});
}
