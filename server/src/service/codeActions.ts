/**
 * Code actions: the quick fixes that diagnostics carry, plus two repairs that need no
 * diagnostic: adding the '#' to a tag written without it, and adding the missing tag to an
 * untagged object whose keys belong to a known type.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import type { JSONDocument, JSONNode } from '../json';
import { findNodeAtOffset } from '../json';
import type { TypeModel } from '../model/typeModel';
import type { ApiVersion, StructuredTypeDefinition } from '../model/types';
import { documentVersion, keyOf, readTag, tagKey } from './tags';
import { structuredTypes } from './typeCompletion';
import { contextOf, objectTypeOf } from './typing';

/** One edit that repairs a diagnostic, in document positions. */
export interface FixData {
	title: string;
	range: Range;
	newText: string;
}

/** What a published diagnostic carries in `data`, so that its quick fixes need no recomputation. */
export interface DiagnosticData {
	fixes: FixData[];
}

export interface CodeActionOptions {
	model: TypeModel;
	/** The version of documents whose `@odata.context` names none. */
	apiVersion: ApiVersion;
}

/** At most this many types are proposed for an untagged object whose keys fit several. */
const maxTagProposals = 3;

/** The code actions for `range`, given the diagnostics the client reports there. */
export function getCodeActions(
	document: TextDocument,
	json: JSONDocument,
	range: Range,
	diagnostics: readonly Diagnostic[],
	options: CodeActionOptions,
): CodeAction[] {
	const actions = diagnostics.flatMap((diagnostic) => fixActions(document, diagnostic));
	const object = json.root && objectAt(json.root, document.offsetAt(range.start));
	if (object === undefined) {
		return actions;
	}
	const version = documentVersion(json.root, options.apiVersion);
	const span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
	actions.push(...hashActions(document, object, span, options.model, version));
	actions.push(...missingTagActions(document, object, options.model, version));
	return actions;
}

/** Reads the fixes a diagnostic carries; anything else in `data` is ignored. */
export function fixesOf(diagnostic: Diagnostic): FixData[] {
	const data = diagnostic.data as Partial<DiagnosticData> | undefined;
	if (!data || !Array.isArray(data.fixes)) {
		return [];
	}
	return data.fixes.filter(
		(fix): fix is FixData =>
			typeof fix?.title === 'string' && typeof fix.newText === 'string' && isRange(fix.range),
	);
}

function isRange(value: unknown): value is Range {
	const range = value as Range | undefined;
	return typeof range?.start?.line === 'number' && typeof range.end?.character === 'number';
}

function fixActions(document: TextDocument, diagnostic: Diagnostic): CodeAction[] {
	const fixes = fixesOf(diagnostic);
	return fixes.map((fix) => ({
		title: fix.title,
		kind: CodeActionKind.QuickFix,
		diagnostics: [diagnostic],
		isPreferred: fixes.length === 1,
		edit: edit(document, [{ range: fix.range, newText: fix.newText }]),
	}));
}

function edit(document: TextDocument, edits: TextEdit[]): CodeAction['edit'] {
	return { changes: { [document.uri]: edits } };
}

/** The innermost object around `offset`. */
function objectAt(root: JSONNode, offset: number): JSONNode | undefined {
	let node = findNodeAtOffset(root, offset, true);
	while (node !== undefined && node.type !== 'object') {
		node = node.parent;
	}
	return node;
}

function nodeRange(document: TextDocument, node: JSONNode): Range {
	return {
		start: document.positionAt(node.offset),
		end: document.positionAt(node.offset + node.length),
	};
}

/** A tag without '#' that names a known type: OData 4.0 payloads need the '#'. */
function hashActions(
	document: TextDocument,
	object: JSONNode,
	span: { start: number; end: number },
	model: TypeModel,
	version: ApiVersion,
): CodeAction[] {
	const tag = readTag(object);
	const value = tag?.value;
	if (!tag || !value || tag.name === undefined || String(value.value).startsWith('#')) {
		return [];
	}
	const property = tag.property;
	const touches = span.start <= property.offset + property.length && span.end >= property.offset;
	const found = model.find(tag.name, version);
	if (!touches || found?.type.kind !== 'structured') {
		return [];
	}
	const newText = JSON.stringify(`#${found.type.name}`);
	return [
		{
			title: `Add '#': ${newText}`,
			kind: CodeActionKind.QuickFix,
			isPreferred: true,
			edit: edit(document, [{ range: nodeRange(document, value), newText }]),
		},
	];
}

/** Tags for an untyped object, from the types that define every one of its keys. */
function missingTagActions(
	document: TextDocument,
	object: JSONNode,
	model: TypeModel,
	version: ApiVersion,
): CodeAction[] {
	if (
		readTag(object) ||
		isResponseWrapper(object) ||
		objectTypeOf(object, contextOf(object, model, version), model, version)
	) {
		return [];
	}
	const keys = (object.children ?? [])
		.map(keyOf)
		.filter((key): key is string => key !== undefined && !key.includes('@'));
	if (keys.length === 0) {
		return [];
	}
	const candidates = fittingTypes(model, keys, version);
	return candidates.slice(0, maxTagProposals).map((type) => ({
		title: `Add "${tagKey}": "#${type.name}"`,
		kind: CodeActionKind.QuickFix,
		isPreferred: candidates.length === 1,
		edit: edit(document, [insertTag(document, object, type.name)]),
	}));
}

/**
 * A response around the fixtures (`{"@odata.context": ..., "value": [...]}`) needs no tag,
 * even when some type happens to have a `value` property.
 */
function isResponseWrapper(object: JSONNode): boolean {
	return (object.children ?? []).some((property) => {
		const key = keyOf(property);
		return (
			key === '@odata.context' ||
			(key === 'value' && property.children?.[1]?.type === 'array')
		);
	});
}

/** Types defining every key, the closest fit (fewest properties left over) first. */
function fittingTypes(
	model: TypeModel,
	keys: readonly string[],
	version: ApiVersion,
): StructuredTypeDefinition[] {
	const fits: { type: StructuredTypeDefinition; size: number }[] = [];
	for (const type of structuredTypes(model, version)) {
		if (type.isAbstract) {
			continue;
		}
		const properties = model.propertiesOf(type, version);
		if (keys.every((key) => properties.has(key))) {
			fits.push({ type, size: properties.size });
		}
	}
	return fits.sort((a, b) => a.size - b.size).map((fit) => fit.type);
}

/** Inserts the tag as the first member, in the layout of the member that follows it. */
function insertTag(document: TextDocument, object: JSONNode, typeName: string): TextEdit {
	const member = `"${tagKey}": ${JSON.stringify(`#${typeName}`)}`;
	const first = object.children?.[0];
	if (first === undefined) {
		const position = document.positionAt(object.offset + 1);
		return { range: { start: position, end: position }, newText: member };
	}
	const gap = document.getText().slice(object.offset + 1, first.offset);
	const separator = /[\r\n]/.test(gap) ? gap.slice(gap.search(/[\r\n]/)) : ' ';
	const position = document.positionAt(first.offset);
	return { range: { start: position, end: position }, newText: `${member},${separator}` };
}
